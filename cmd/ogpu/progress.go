package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// isTerminal reports whether w is a character device (a terminal), where a
// redrawn progress bar makes sense; logs and pipes get none.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar returns a callback that redraws one line on w:
// [██████░░░░] 120/200 done, 0 failed, 35/s.
func progressBar(w io.Writer) func(done, failed, total int) {
	start := time.Now()
	return func(done, failed, total int) {
		const width = 30
		n := 0
		if total > 0 {
			n = min(width, (done+failed)*width/total)
		}
		rate := float64(done) / max(time.Since(start).Seconds(), 1e-3)
		fmt.Fprintf(w, "\r[%s%s] %d/%d done, %d failed, %.0f/s ", strings.Repeat("█", n), strings.Repeat("░", width-n), done, total, failed, rate)
	}
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
