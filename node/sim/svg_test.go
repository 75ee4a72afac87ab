package sim

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestWriteSVG(t *testing.T) {
	r := Report{Nodes: 3, TasksSubmitted: 4, TasksDone: 4, latencies: []float64{1, 2, 2, 9},
		Timeline: []TimePoint{{T: 0.1, Done: 1}, {T: 0.2, Done: 4}}}
	var buf bytes.Buffer
	if err := r.WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	// Well-formed XML with the two charts' marks in it.
	d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	rects, lines := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, buf.String())
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "rect":
				rects++
			case "polyline":
				lines++
			}
		}
	}
	if rects < 31 || lines != 2 || !strings.Contains(buf.String(), "4 done") {
		t.Fatalf("rects %d, polylines %d:\n%s", rects, lines, buf.String())
	}
}
