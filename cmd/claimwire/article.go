package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/claimwire/claimwire/crawler/article"
)

func (m *Main) runArticle(ctx context.Context, args []string) error {
	fs := m.newFlagSet("article", "[--url URL] FILE|URL|-", `
Extracts the article from an HTML page and prints it as JSON: url (canonical), title, text
(paragraphs separated by blank lines), published, modified, author, site_name and lang, with
kind (article, listing for home/section/tag pages, or other) and the reasons for that verdict.
Any page with text is printed, whatever its kind; the crawler publishes only articles. The page
is a file, standard input ('-'), or an http(s) URL that is fetched once.`)
	pageURL := fs.String("url", "", "the page's address, to resolve relative canonical links (default: the URL argument, or "+localPageURL+" for a file)")
	if help, err := m.parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("article: want one FILE, URL or -")
	}
	src := fs.Arg(0)
	var (
		body        []byte
		contentType string
		err         error
	)
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		body, contentType, err = fetch(ctx, src)
		if *pageURL == "" {
			*pageURL = src
		}
	} else {
		body, err = m.readInput(src)
		if *pageURL == "" {
			*pageURL = localPageURL
		}
	}
	if err != nil {
		return fmt.Errorf("article: %w", err)
	}
	page, err := article.Read(body, contentType, *pageURL)
	if err != nil {
		return fmt.Errorf("article: %w", err)
	}
	if page.Text == "" {
		// Nothing to print but a verdict; a script wants the failure.
		return fmt.Errorf("article: %s: no text (%s)", src, strings.Join(page.Reasons, "; "))
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(page)
}

func fetch(ctx context.Context, url string) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "claimwire-article/1 (one-off fetch)")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxInput))
	return body, resp.Header.Get("Content-Type"), err
}
