# Shortcuts for the portal's scripts. `make help` lists them.
.PHONY: help run cluster test lint bench

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## Run the portal, its worker and beat on http://127.0.0.1:8000
	scripts/run.sh

cluster: ## The portal on several processes as on several hosts, behind HAProxy on http://127.0.0.1:8000 (README)
	scripts/cluster.sh

test: ## The test command: lint, migration check and all tests on throwaway PostgreSQL and Redis
	scripts/test.sh

bench: ## The performance benchmark at national scale (about 25 minutes): benchmarks/results.md
	scripts/bench.sh

lint: ## Lint with ruff and check the layer contracts with lint-imports
	scripts/setup.sh requirements-dev.txt
	.venv/bin/ruff check .
	.venv/bin/lint-imports
