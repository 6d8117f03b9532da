# IcpRegulatorSim — the two commands that matter: `make run` and `make test`.
PORT ?= 50051
WEB_PORT ?= 8080
DATA ?= data/icp-regulator.db
ARGS ?=
STORE ?= sqlite
NODES ?= 1
GATEWAY := .build/gateway
BUF := tools/node_modules/.bin/buf
PUBLISHED := protos/published/contract.binpb

.PHONY: run test readme contract contract-image browser postgres build gateway packages sample bench h2load soak screenshots format clean

## The simulator on 127.0.0.1:$(PORT) (gRPC) and :$(WEB_PORT) (web pages, warmed after the first answer for a class), SQLite file $(DATA) (or a postgres:// URL), sandbox mode; ARGS="--profile 2018-pilot" adds server flags.
run:
	dotnet run --project src/IcpRegulatorSim.Server -c Release -- --port $(PORT) --web-port $(WEB_PORT) --data "$(if $(filter :memory:,$(DATA))$(findstring ://,$(DATA)),$(DATA),$(abspath $(DATA)))" --warm-pages true $(ARGS)

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

PACKAGES := .build/packages
SAMPLE := samples/ProviderSuite

## Every test, the end-to-end exchange and the browser tests included, after the contract's checks; the end-to-end suite again on PostgreSQL; then the sample provider suite on the packages, and the README's commands.
test: browser postgres contract
	dotnet build IcpRegulatorSim.sln -c Release
	dotnet test IcpRegulatorSim.sln -c Release --no-build
	ICP_TEST_STORE=postgres dotnet test tests/IcpRegulatorSim.EndToEnd.Tests -c Release --no-build
	$(MAKE) sample
	$(MAKE) readme

## The README's command blocks, run as written and in order against a `make run` of their own on the default ports
## (tools/readme-test says how); its section on several nodes runs on a PostgreSQL of its own, hence postgres, and
## its tool in CI installs from the packages, packed when there are none.
readme: postgres $(if $(wildcard $(PACKAGES)/icp-gateway.*.nupkg),,packages)
	tools/readme-test

## The three packages in $(PACKAGES): the client library, the icp-gateway tool and the test harness, under a version
## that names the commit (and the changes beside it), so that no NuGet cache holds an older build under that version.
packages:
	rm -rf $(PACKAGES)
	for project in ProviderGateway.Client ProviderGateway Harness; do \
		dotnet pack src/IcpRegulatorSim.$$project -c Release -o $(PACKAGES) || exit 1; done
	@cd $(PACKAGES) && for package in *.nupkg; do echo "packed $$package"; done

## The sample provider suite ($(SAMPLE)): the packages as a provider's suite uses them, at the version just packed, the
## tool installed from them; it checks that what it ran is what was packed.
sample: packages
	dotnet test $(SAMPLE) -c Release

## The contract's checks: buf lint (buf.yaml), and no breaking change against the contract as published ($(PUBLISHED)).
contract: $(BUF)
	$(BUF) lint
	$(BUF) breaking --against $(PUBLISHED)

## Records the contract as it stands as the published one, which the breaking-change check compares with. Run it when a
## release publishes the contract, never to quiet the check.
contract-image: $(BUF)
	$(BUF) lint
	$(BUF) build --exclude-source-info -o $(PUBLISHED)

## buf, from npm into tools/ at the version tools/package-lock.json pins. Its launcher finds this platform's binary by
## itself; the install script, skipped, would only check that binary and link it in the launcher's place.
$(BUF): tools/package.json tools/package-lock.json
	cd tools && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

## PostgreSQL for the tests that run the store on it (Debian's postgresql; the tests start a throwaway server of their own).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && id postgres >/dev/null 2>&1 || \
		$(SUDO) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql'

## Debian's Chromium and a Chinese font for the browser tests, installed with apt when they are missing.
browser:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei" || \
		$(SUDO) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei'

build:
	dotnet build IcpRegulatorSim.sln -c Release

## The icp-gateway CLI as an executable: $(GATEWAY)/icp-gateway
gateway:
	dotnet build src/IcpRegulatorSim.ProviderGateway -c Release -o $(GATEWAY)

## The simulator under load, against its own ping baseline and a bare gRPC server in the same run (and h2load's figures): prints a table, writes
## bench/results/latest.json; STORE=postgres [NODES=2]: on a throwaway PostgreSQL that NODES server processes share, bench/results/latest-postgres-N.json.
bench: h2load $(if $(filter postgres,$(STORE)),postgres)
	dotnet build src/IcpRegulatorSim.Server -c Release
	dotnet run --project bench/IcpRegulatorSim.Bench -c Release -- --store $(STORE) --nodes $(NODES) $(ARGS)

## h2load (Debian's nghttp2-client) for the bench, installed with apt when it is missing; without it the bench uses its own client only.
h2load:
	@command -v h2load >/dev/null || $(SUDO) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client' || \
		echo "h2load could not be installed: the bench measures with its own client only"

## About half an hour: 200 kill -9 cycles under a submit load (nothing acknowledged lost) and 1,000,000 fuzzed calls (no UNKNOWN/INTERNAL, refusals change nothing, memory bounded); not part of test.
soak:
	dotnet build src/IcpRegulatorSim.Server -c Release
	dotnet run --project soak/IcpRegulatorSim.Soak -c Release -- $(ARGS)

## The web pages' screenshots in docs/screenshots, taken by the browser tests as they click through them.
screenshots: browser
	ICP_SCREENSHOTS=$(abspath docs/screenshots) dotnet test tests/IcpRegulatorSim.Web.Tests -c Release

format:
	dotnet format IcpRegulatorSim.sln --verify-no-changes

clean:
	dotnet clean IcpRegulatorSim.sln
	rm -rf .build
