package crawler

import (
	"fmt"
	"log/slog"
	"net/http"
	"testing"
)

// TestOffTopicDropLogged: an article the topic filter drops is logged at INFO with its URL,
// reason and score, and counted by reason.
func TestOffTopicDropLogged(t *testing.T) {
	site := newMiniSite(t, []string{"/normal", "/fromages"}, map[string]http.HandlerFunc{
		"/fromages": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>La foire aux fromages</title>`+
				`<meta property="og:type" content="article"></head><body><article><h1>La foire aux fromages</h1>`+
				`<p>Douze mille visiteurs ont goûté les fromages de la région pendant le week-end, un record pour la foire.</p>`+
				`<p>Les producteurs ont vendu trois tonnes de comté et promettent de revenir l'an prochain avec leurs chèvres.</p>`+
				`<p>La mairie envisage d'agrandir la halle du marché pour accueillir davantage d'exposants au printemps.</p>`+
				`</article></body></html>`)
		},
	})
	c, got, rec := crawlRecorded(t, testConfig(Source{Kind: KindSitemap, URL: site.url("/sitemap.xml")}))
	if len(got) != 1 || got[0].URL != site.url("/normal") {
		t.Errorf("emitted %v, want the on-topic article only", urlsOf(got))
	}
	if st := c.Stats(); st.OffTopic != 1 || st.OffTopicByReason[reasonNoTopicTerms] != 1 {
		t.Errorf("OffTopic %d by reason %v, want 1 %s", st.OffTopic, st.OffTopicByReason, reasonNoTopicTerms)
	}
	r, ok := rec.find(site.url("/fromages"), "reason", reasonNoTopicTerms)
	if !ok || r.Level != slog.LevelInfo || r.Attrs["score"] != "0" || r.Attrs["threshold"] == "" {
		t.Errorf("drop of %s not logged at INFO with reason, score and threshold: %+v", site.url("/fromages"), r)
	}
}

// TestTopicFilter: the exported filter judges as a crawl does, honours the rules and rejects
// invalid ones.
func TestTopicFilter(t *testing.T) {
	f, err := NewTopicFilter(DefaultTopics())
	if err != nil {
		t.Fatal(err)
	}
	onTopic := "Un campus de data centers de 1 GW pour l'IA"
	text := "Le campus de centres de données accueillera 100 000 GPU et une puissance de 1 GW pour l'intelligence artificielle, avec un raccordement au réseau électrique de RTE."
	if !f.OnTopic(onTopic, text) {
		t.Errorf("data-centre article judged off topic")
	}
	if f.OnTopic("La foire aux fromages", "Douze mille visiteurs ont goûté les fromages de la région.") {
		t.Errorf("cheese fair judged on topic")
	}
	all, err := NewTopicFilter(TopicRules{Disabled: true})
	if err != nil || !all.OnTopic("La foire aux fromages", "Douze mille visiteurs.") {
		t.Errorf("disabled rules: %v, want every article kept", err)
	}
	if _, err := NewTopicFilter(TopicRules{Threshold: -1}); err == nil {
		t.Errorf("negative threshold accepted")
	}
}
