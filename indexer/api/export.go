package api

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/indexer"
)

// csvHeader names the CSV export columns, in order.
var csvHeader = []string{"id", "value", "value_max", "unit", "qualifier", "vague", "surface", "sentence",
	"metric", "lang", "url", "link", "title", "site", "site_name", "published", "crawled", "subject", "measure",
	"fact", "fact_score"}

// utf8BOM opens the CSV export: without it spreadsheet software reads the file in the locale's
// legacy code page and mangles accents.
const utf8BOM = "\ufeff"

// csvText neutralises a text cell that spreadsheet software would run as a formula, as OWASP's
// CSV injection advice says: a cell starting with =, +, -, @, tab or carriage return gets a
// leading single quote. Numeric columns are written by strconv and left alone, so negative
// values stay numbers.
func csvText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func csvRow(h *indexer.Hit) []string {
	num := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	valueMax := ""
	if h.ValueMax != nil {
		valueMax = num(*h.ValueMax)
	}
	return []string{csvText(h.ID), num(h.Value), valueMax, csvText(h.Unit), csvText(h.Qualifier),
		strconv.FormatBool(h.Vague), csvText(h.Surface), csvText(h.Sentence), csvText(h.Metric),
		csvText(h.Lang), csvText(h.URL), csvText(h.Link), csvText(h.Title), csvText(h.Site),
		csvText(h.SiteName), date(h.Published), date(h.Crawled), csvText(h.Subject), csvText(h.Measure),
		csvText(h.Fact), num(h.FactScore)}
}

// rowWriter writes one export format.
type rowWriter interface {
	write(h *indexer.Hit) error
	flush() error
}

type csvWriter struct{ w *csv.Writer }

func (c csvWriter) write(h *indexer.Hit) error { return c.w.Write(csvRow(h)) }
func (c csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonlWriter struct{ enc *json.Encoder }

func (j jsonlWriter) write(h *indexer.Hit) error { return j.enc.Encode(h) }
func (j jsonlWriter) flush() error               { return nil }

func (s *server) exportCSV(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, "text/csv; charset=utf-8", "claims.csv", func() rowWriter {
		cw := csv.NewWriter(w)
		_, _ = io.WriteString(w, utf8BOM) // an error shows again at the first flush
		_ = cw.Write(csvHeader)
		return csvWriter{cw}
	})
}

func (s *server) exportJSONL(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, "application/jsonl; charset=utf-8", "claims.jsonl", func() rowWriter {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return jsonlWriter{enc}
	})
}

// exportWindow is how long each page of an export has to reach the client. The server's write
// timeout would cut a long export short, so the export pushes its write deadline out page by
// page instead: a large export completes while a client that stops reading is still dropped.
const exportWindow = time.Minute

// export streams every hit of the query, page after page through the search-after cursor, up to
// maxExportRows. The first page is fetched before anything is written so that a bad query still
// gets a 400.
func (s *server) export(w http.ResponseWriter, r *http.Request, contentType, filename string, start func() rowWriter) {
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q.Size, q.Page, q.Facets = s.ix.PageSizeLimit(), 0, false
	res, err := s.ix.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	w.Header().Set("X-Total-Count", strconv.FormatUint(res.Total, 10))
	rc := http.NewResponseController(w)
	rw := start()
	rows := 0
	for {
		// A writer without deadlines (ErrNotSupported) has no server timeout to escape either.
		_ = rc.SetWriteDeadline(time.Now().Add(exportWindow))
		for i := range res.Claims {
			if rows == maxExportRows {
				break
			}
			if err := rw.write(&res.Claims[i]); err != nil {
				s.log.WarnContext(r.Context(), "api: export aborted", slog.Any("err", err))
				return
			}
			rows++
		}
		if err := rw.flush(); err != nil {
			s.log.WarnContext(r.Context(), "api: export aborted", slog.Any("err", err))
			return
		}
		if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			s.log.WarnContext(r.Context(), "api: export aborted", slog.Any("err", err))
			return
		}
		if res.Next == "" || rows == maxExportRows {
			return
		}
		q.Cursor = res.Next
		if res, err = s.ix.Search(r.Context(), q); err != nil {
			// Headers are gone: the truncated body is all the client can see.
			s.log.WarnContext(r.Context(), "api: export aborted", slog.Any("err", err))
			return
		}
	}
}
