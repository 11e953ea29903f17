package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/crawler/article"
	"github.com/claimwire/claimwire/extractor"
	"github.com/claimwire/claimwire/internal/config"
)

// localPageURL stands in for the address of a page read from a file: relative links in it
// resolve against it.
const localPageURL = "http://localhost/"

// maxInput bounds what extract and article read, so a wrong file cannot exhaust memory.
const maxInput = 64 << 20

func (m *Main) runExtract(ctx context.Context, args []string) error {
	fs := m.newFlagSet("extract", "[--lang fr|en] [--config FILE] FILE|-", `
Reads plain text, or HTML whose article text is extracted first, and prints one JSON object per
claim, one per line: start and end (byte offsets of the quantity in the text), surface, value,
value_max (ranges), unit, qualifier, vague, sentence, metric and lang. '-' reads standard input.`)
	lang := fs.String("lang", "", "language hint, fr or en (default: detected)")
	vague := fs.Bool("vague", false, "also report vague amounts (des milliers, several billion), flagged vague")
	configPath := fs.String("config", "", "YAML configuration `file` whose extract.lexicon_files and extract.glossary_files are loaded")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("extract: want one FILE or -")
	}
	if *lang != "" && *lang != "fr" && *lang != "en" {
		return fmt.Errorf("extract: --lang %q: want fr or en", *lang)
	}
	opts := extractor.Options{Vague: *vague}
	if *configPath != "" {
		cfg, err := config.Load(*configPath, m.Getenv)
		if err != nil {
			return err
		}
		opts.LexiconFiles, opts.GlossaryFiles = cfg.Extract.LexiconFiles, cfg.Extract.GlossaryFiles
		opts.Vague = opts.Vague || cfg.Extract.Vague
	}
	ex, err := extractor.New(opts)
	if err != nil {
		return err
	}
	data, err := m.readInput(fs.Arg(0))
	if err != nil {
		return err
	}
	var qs []claimwire.Quantity
	if looksLikeHTML(data) {
		a, err := article.Parse(data, "", localPageURL)
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		if *lang != "" {
			a.Lang = *lang
		}
		qs = ex.ExtractArticle(&a)
	} else {
		qs = ex.Extract(string(data), *lang)
	}
	w := bufio.NewWriter(m.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range qs {
		if err := enc.Encode(q); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	return w.Flush()
}

// readInput reads a file, or standard input for "-", up to maxInput bytes.
func (m *Main) readInput(name string) ([]byte, error) {
	var r io.Reader = m.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("read %s: larger than %d MiB", name, maxInput>>20)
	}
	return data, nil
}

func looksLikeHTML(data []byte) bool {
	return http.DetectContentType(data) == "text/html; charset=utf-8" ||
		bytes.Contains(bytes.ToLower(data[:min(len(data), 1024)]), []byte("<html"))
}
