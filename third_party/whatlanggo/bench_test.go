package whatlanggo

import (
	"strings"
	"testing"
)

// BenchmarkDetectLang measures a guess on a news article's body, the length trafilatura hands
// it.
func BenchmarkDetectLang(b *testing.B) {
	for name, text := range map[string]string{
		"fr": strings.Repeat("Le groupe a présenté mardi son nouveau campus de calcul, qui doit accueillir des milliers "+
			"de serveurs dans une ancienne zone industrielle. Les élus locaux saluent les emplois promis, "+
			"mais plusieurs associations s'inquiètent de la consommation d'eau et d'électricité du site. ", 12),
		"en": strings.Repeat("The company unveiled its new computing campus on Tuesday, which is meant to house thousands "+
			"of servers on a former industrial estate. Local officials welcomed the promised jobs, while "+
			"several groups raised concerns about the site's water and power use. ", 12),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				DetectLang(text)
			}
		})
	}
}
