package claimwire

import "testing"

// Every unit converts to a base of its own kind that is its own base, so that the indexer's
// comparisons never chain or cross kinds.
func TestUnitBases(t *testing.T) {
	units := Units()
	if len(units) == 0 {
		t.Fatal("empty vocabulary")
	}
	for _, u := range units {
		base, ok := LookupUnit(u.Base)
		switch {
		case !ok:
			t.Errorf("%s: base %q is not in the vocabulary", u.Name, u.Base)
		case base.Base != base.Name || base.Factor != 1:
			t.Errorf("%s: base %q is not a base unit (%+v)", u.Name, u.Base, base)
		case base.Kind != u.Kind:
			t.Errorf("%s: base %q is of another kind", u.Name, u.Base)
		case !(u.Factor > 0):
			t.Errorf("%s: factor %v", u.Name, u.Factor)
		}
	}
}

func TestUnitKinds(t *testing.T) {
	for name, want := range map[string]UnitKind{
		"EUR": UnitCurrency, "USD": UnitCurrency, "FRF": UnitCurrency, "eur": UnitCount, "EURO": UnitCount,
		"percent": UnitRatio, "times": UnitRatio, "MW": UnitPhysical, "GWh": UnitPhysical,
		"exaflops": UnitPhysical, "m²": UnitPhysical, "gallons": UnitPhysical, "miles": UnitPhysical, "sq mi": UnitPhysical, "chips": UnitCount, "member states": UnitCount, "": UnitCount,
	} {
		if got := UnitKindOf(name); got != want {
			t.Errorf("UnitKindOf(%q) = %v, want %v", name, got, want)
		}
		if got := IsCurrency(name); got != (want == UnitCurrency) {
			t.Errorf("IsCurrency(%q) = %v", name, got)
		}
	}
}

func TestBareDollar(t *testing.T) {
	for _, tt := range []struct {
		surface string
		want    bool
	}{
		{"$20bn", true}, {"up to $240-million", true}, {"$215 Billion", true}, {"(US $5m", false}, {"U.S. $5m", false},
		{"US$20bn", false}, {"A$20 billion", false}, {"$700 million CAD", false}, {"$498 million USD", false},
		{"€5 billion", false}, {"", false},
	} {
		if got := BareDollar(tt.surface); got != tt.want {
			t.Errorf("BareDollar(%q) = %v, want %v", tt.surface, got, tt.want)
		}
	}
}

func TestDollars(t *testing.T) {
	for _, tt := range []struct {
		code          string
		dollar, local bool
	}{{"USD", true, false}, {"CAD", true, true}, {"AUD", true, true}, {"HKD", true, true}, {"SGD", true, false}, {"EUR", false, false}} {
		if IsDollar(tt.code) != tt.dollar || IsLocalDollar(tt.code) != tt.local {
			t.Errorf("%s: dollar %v, local %v; want %v, %v", tt.code, IsDollar(tt.code), IsLocalDollar(tt.code), tt.dollar, tt.local)
		}
	}
}
