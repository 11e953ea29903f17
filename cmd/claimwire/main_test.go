package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	err := m.Run(context.Background(), args)
	return stdout.String(), stderr.String(), err
}

func TestHelpListsEveryCommand(t *testing.T) {
	out, _, err := runCLI(t, "", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("--help does not list %q:\n%s", c.name, out)
		}
		sub, _, err := runCLI(t, "", c.name, "--help")
		if err != nil {
			t.Errorf("%s --help: %v", c.name, err)
		}
		if !strings.HasPrefix(sub, "Usage: claimwire "+c.name) || !strings.Contains(sub, "Flags:") {
			t.Errorf("%s --help prints:\n%s", c.name, sub)
		}
	}
	if _, _, err := runCLI(t, ""); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("no command: err = %v, want flag.ErrHelp", err)
	}
	if _, _, err := runCLI(t, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: err = %v", err)
	}
}

func TestExtractPrintsClaims(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  []string // surfaces, in order
	}{
		{"text file", []string{"extract", "testdata/note.txt"}, "",
			[]string{"12 dossiers", "environ 25 000 puces", "up to €3.5bn", "roughly 40%"}},
		{"stdin", []string{"extract", "--lang", "en", "-"}, "Operators plan 3 new sites worth $2bn.",
			[]string{"3 new sites", "$2bn"}},
		{"html file", []string{"extract", "testdata/giga.html"}, "",
			[]string{"48 propositions", "onze États membres", "12 milliards d'euros", "environ 80 000 puces", "au moins 2 gigawatts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, err := runCLI(t, tc.stdin, tc.args...)
			if err != nil {
				t.Fatalf("%v: %s", err, stderr)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				var c map[string]any
				if err := json.Unmarshal([]byte(line), &c); err != nil {
					t.Fatalf("not JSON: %q", line)
				}
				for _, field := range []string{"start", "end", "surface", "value", "unit", "qualifier", "sentence", "metric", "lang"} {
					if _, ok := c[field]; !ok {
						t.Errorf("claim without %q: %s", field, line)
					}
				}
				got = append(got, c["surface"].(string))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("surfaces = %q, want %q", got, tc.want)
			}
		})
	}
	if _, _, err := runCLI(t, "", "extract", "--lang", "de", "-"); err == nil {
		t.Error("--lang de accepted")
	}
	if _, _, err := runCLI(t, "", "extract", "testdata/missing.txt"); err == nil {
		t.Error("missing file accepted")
	}
}

func TestArticlePrintsJSON(t *testing.T) {
	out, stderr, err := runCLI(t, "", "article", "--url", "https://lpc.example/2025/03/x?utm_source=feed", "testdata/giga.html")
	if err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	var a struct {
		URL, Title, Text, Lang, Published, Kind string
		Reasons                                 []string
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not JSON: %s", out)
	}
	if a.Kind != "article" || len(a.Reasons) == 0 || a.URL != "https://lpc.example/2025/03/giga-usines-candidatures" || a.Lang != "fr" ||
		a.Title != "Giga-usines : Bruxelles compte les candidatures" || !strings.HasPrefix(a.Published, "2025-03-14") {
		t.Errorf("article = %+v", a)
	}
	if strings.Contains(a.Text, "cookies") || strings.Contains(a.Text, "Les plus lus") || !strings.Contains(a.Text, "48 propositions") {
		t.Errorf("text keeps furniture or loses the body: %q", a.Text)
	}
	if _, _, err := runCLI(t, "<html><body></body></html>", "article", "-"); err == nil {
		t.Error("empty page accepted as an article")
	}
	// A listing is printed, not refused: its kind says what it is.
	out, stderr, err = runCLI(t, "", "article", filepath.Join("..", "..", "crawler", "article", "testdata", "listings", "fr-tag-hydrogene.html"))
	if err != nil {
		t.Fatalf("listing: %v: %s", err, stderr)
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.Kind != "listing" || a.Text == "" {
		t.Errorf("listing printed as %q (%v), text %q", a.Kind, a.Reasons, a.Text)
	}
}

// TestGCPercent: claimwire sets its own collector target only where GOGC says nothing.
func TestGCPercent(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOGC" {
				return v
			}
			return ""
		}
	}
	if p, ok := gcPercent(env("")); !ok || p != defaultGCPercent {
		t.Errorf("GOGC unset: %d, %v; want %d", p, ok, defaultGCPercent)
	}
	for _, v := range []string{"100", "off"} {
		if _, ok := gcPercent(env(v)); ok {
			t.Errorf("GOGC=%s overridden", v)
		}
	}
}
