package node

import (
	"embed"
	"io/fs"
	"net/http"
)

// The web dashboard: static HTML, JS and CSS embedded in the binary (no
// build step, no CDN), served at / on the API address. The page reads the
// JSON API (/v1/status, /v1/peers, /v1/capacity, /v1/jobs, /v1/payments)
// and refreshes itself.
//
//go:embed dashboard
var dashboardFiles embed.FS

func (a *api) dashboardRoutes() {
	sub, err := fs.Sub(dashboardFiles, "dashboard")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(sub)
	a.mux.Handle("GET /{$}", files)
	a.mux.Handle("GET /dashboard/", http.StripPrefix("/dashboard/", files))
}
