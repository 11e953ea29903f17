// Package facts decides which claims state the same fact and whether they agree, with no index
// or bus in it: the indexer gives it a claim and candidate claims, it answers with a fact and why.
//
// A claim's Signature holds what the comparison needs: the dimension of its unit (money, power,
// energy, a percentage, a count of what), its value as an interval a reader would allow, the
// years its sentence names, and the sentence's content terms weighted by their distance to the
// number, with terms that name the same thing in French and English made one by a Lexicon.
// Two claims state the same fact when their dimensions match and their terms, subject and
// measure agree enough (Score); Linker assigns each new claim the fact of its best-scoring
// candidate. Compare reads two values as a journalist does (agreement.go), and Conflicts turns
// the claims of each fact into ranked disagreements.
package facts
