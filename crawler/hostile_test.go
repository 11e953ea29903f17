package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// TestHostileInput serves one hostile page next to a normal article. Each must end with its
// reason counted in Stats and logged with the page's URL, in bounded time and memory, and the
// normal article must still be emitted.
func TestHostileInput(t *testing.T) {
	const gib = 1 << 30
	var served atomic.Int64 // body bytes the 1 GB endpoints managed to write
	tests := []struct {
		name    string
		handler http.HandlerFunc
		// outcome is "failed:<reason>", "skipped:<reason>" or "published".
		outcome string
		config  func(*Config)
		maxTime time.Duration
		// maxHeap bounds the growth of the live heap during the crawl, sampled; 0: not measured.
		maxHeap uint64
	}{
		{
			name: "slowloris",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusOK)
				for range 1000 { // 200 s if never cut off
					select {
					case <-r.Context().Done():
						return
					case <-time.After(200 * time.Millisecond):
					}
					w.Write([]byte("<"))
					w.(http.Flusher).Flush()
				}
			},
			outcome: "failed:" + reasonTimeout,
			config:  func(c *Config) { c.RequestTimeout = time.Second },
			maxTime: 5 * time.Second,
		},
		{
			name: "1 GB body",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				chunk := []byte(strings.Repeat("des puces et des centres de données ", 1<<10))
				written := 0
				for written < gib {
					n, err := w.Write(chunk[:min(len(chunk), gib-written)])
					written += n
					served.Add(int64(n))
					if err != nil {
						return
					}
				}
			},
			outcome: "failed:" + reasonBodyTooLarge,
			// The case is about the size cap, not slowness: inflating to the cap under -race
			// on a busy machine once took longer than the tests' 2 s request timeout.
			config: func(c *Config) {
				c.MaxBodyBytes = DefaultConfig().MaxBodyBytes
				c.RequestTimeout = 10 * time.Second
			},
			maxTime: 10 * time.Second,
			maxHeap: 64 << 20,
		},
		{
			name: "gzip bomb",
			handler: func(w http.ResponseWriter, r *http.Request) {
				// gzip readers read concatenated members as one stream: 128 copies of an
				// 8 MiB member inflate to 1 GiB from about 1 MiB.
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Encoding", "gzip")
				member := gzipBomb()
				for range 128 {
					n, err := w.Write(member)
					served.Add(int64(n))
					if err != nil {
						return
					}
				}
			},
			outcome: "failed:" + reasonBodyTooLarge,
			// The case is about the size cap, not slowness: inflating to the cap under -race
			// on a busy machine once took longer than the tests' 2 s request timeout.
			config: func(c *Config) {
				c.MaxBodyBytes = DefaultConfig().MaxBodyBytes
				c.RequestTimeout = 10 * time.Second
			},
			maxTime: 10 * time.Second,
			maxHeap: 64 << 20,
		},
		{
			name:    "redirect loop",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/hostile?again", http.StatusFound) },
			outcome: "failed:" + reasonRedirectLoop,
			maxTime: 5 * time.Second,
		},
		{
			name: "invalid UTF-8",
			handler: func(w http.ResponseWriter, r *http.Request) {
				writeArticle(w, "Des puces et des centres de données mal encodés", []string{
					"Le fournisseur a livr\xe9 les serveurs en retard, \xc3\x28 selon le chantier, et les baies \xff\xfe restent vides.",
					"Une troisi\x80me tranche de GPU est attendue \xed\xa0\x80 avant la fin de l'année prochaine.",
				})
			},
			outcome: "published",
			maxTime: 5 * time.Second,
		},
		{
			name: "binary labelled text/html",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				rng := rand.New(rand.NewPCG(1, 2))
				body := make([]byte, 64<<10)
				for i := range body {
					body[i] = byte(rng.Uint32())
				}
				w.Write(body)
			},
			outcome: "skipped:" + reasonBinaryBody,
			maxTime: 5 * time.Second,
		},
		{
			name: "100,000 nested tags",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, "<!doctype html><html><head><title>Centres de données</title></head><body>")
				fmt.Fprint(w, strings.Repeat("<b>", 100_000), "Des puces partout.", strings.Repeat("</b>", 100_000))
				fmt.Fprint(w, "</body></html>")
			},
			outcome: "skipped:" + reasonTooDeep,
			maxTime: 5 * time.Second,
		},
		{
			name: "50,000 numbers",
			handler: func(w http.ResponseWriter, r *http.Request) {
				var b strings.Builder
				for i := range 5000 { // ten numbers a sentence
					fmt.Fprintf(&b, "La baie %d compte %d GPU, %d serveurs, %d onduleurs, %d ventilateurs et %d capteurs pour %d kW, %d ports, %d câbles et %d disques. ",
						i+1, 8+i%9, 2+i%5, 1+i%3, 12+i%7, 3+i%4, 40+i%60, 48+i%2, 96+i%11, 24+i%13)
					if i%50 == 49 {
						b.WriteString("\n")
					}
				}
				var paras []string
				for p := range strings.SplitSeq(b.String(), "\n") {
					paras = append(paras, p)
				}
				writeArticle(w, "Inventaire détaillé du centre de données", paras)
			},
			outcome: "published",
			maxTime: 2 * time.Second,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newMiniSite(t, []string{"/hostile", "/normal"}, map[string]http.HandlerFunc{"/hostile": tt.handler})
			cfg := testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")})
			cfg.MaxRetries = 0
			if tt.config != nil {
				tt.config(&cfg)
			}
			rec := newLogRecorder()
			c, err := New(cfg, newMemStore(), slog.New(rec))
			if err != nil {
				t.Fatal(err)
			}
			var out sink
			served.Store(0)
			heap := startHeapSampler()
			start := time.Now()
			if err := c.Run(t.Context(), true, out.emit); err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			growth := heap.stop()
			st := c.Stats()
			hostile := site.url("/hostile")
			t.Logf("%s: %v in %v, heap growth %.1f MiB, %.1f MB served; %+v", tt.name, tt.outcome, took.Round(time.Millisecond),
				float64(growth)/(1<<20), float64(served.Load())/1e6, st)

			kind, reason, _ := strings.Cut(tt.outcome, ":")
			switch kind {
			case "failed":
				if st.FailedByReason[reason] != 1 {
					t.Errorf("FailedByReason = %v, want one %s", st.FailedByReason, reason)
				}
			case "skipped":
				if st.SkippedByReason[reason] != 1 {
					t.Errorf("SkippedByReason = %v, want one %s", st.SkippedByReason, reason)
				}
			}
			if kind == "published" {
				if _, ok := rec.find(hostile, "article", hostile); !ok {
					t.Errorf("no log record of %s being published", hostile)
				}
			} else if r, ok := rec.find(hostile, "reason", reason); !ok {
				t.Errorf("no log record of %s with reason %s", hostile, reason)
			} else if r.Level < slog.LevelInfo {
				t.Errorf("%s logged at %v, want info or above", reason, r.Level)
			}

			emitted := make(map[string]bool)
			for _, a := range out.articles() {
				emitted[a.URL] = true
				if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
					t.Errorf("%s emitted with invalid UTF-8", a.URL)
				}
			}
			if !emitted[site.url("/normal")] {
				t.Errorf("the normal article next to the hostile page was not emitted: %+v", st)
			}
			if emitted[hostile] != (kind == "published") {
				t.Errorf("hostile page emitted: %v, want %v", emitted[hostile], kind == "published")
			}
			if limit := tt.maxTime * raceSlowdown; took > limit {
				t.Errorf("crawl took %v, want at most %v", took, limit)
			}
			if tt.maxHeap > 0 && growth > tt.maxHeap {
				t.Errorf("heap grew by %d MiB, want under %d MiB", growth>>20, tt.maxHeap>>20)
			}
		})
	}
}

// heapSampler records the peak live heap above its starting point; ReadMemStats before and
// after alone would miss a large buffer already collected.
type heapSampler struct {
	stopc chan struct{}
	done  sync.WaitGroup
	base  uint64
	peak  atomic.Uint64
}

func startHeapSampler() *heapSampler {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h := &heapSampler{stopc: make(chan struct{}), base: ms.HeapAlloc}
	h.peak.Store(ms.HeapAlloc)
	h.done.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-h.stopc:
				return
			case <-tick.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > h.peak.Load() {
				h.peak.Store(ms.HeapAlloc)
			}
		}
	})
	return h
}

// stop returns the peak growth of the heap since start.
func (h *heapSampler) stop() uint64 {
	close(h.stopc)
	h.done.Wait()
	return h.peak.Load() - h.base
}

// memStore is a Store in memory, for tests that need no persistence.
type memStore struct {
	mu     sync.Mutex
	hashes map[string]string
}

func newMemStore() *memStore { return &memStore{hashes: make(map[string]string)} }

func (s *memStore) Get(_ context.Context, url string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.hashes[url]
	return h, ok, nil
}

func (s *memStore) Put(_ context.Context, url, hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hashes[url] = hash
	return nil
}
