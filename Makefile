# IcpRegulatorSim — the two commands that matter: `make run` and `make test`.
PORT ?= 50051
DATA ?= data/icp-regulator.db
ARGS ?=
GATEWAY := .build/gateway

.PHONY: run test build gateway bench soak format clean

## The simulator on 127.0.0.1:$(PORT), SQLite file $(DATA), sandbox mode; ARGS="--profile 2018-pilot" adds server flags.
run:
	dotnet run --project src/IcpRegulatorSim.Server -c Release -- --port $(PORT) --data $(if $(filter :memory:,$(DATA)),$(DATA),$(abspath $(DATA))) $(ARGS)

## Every test, the end-to-end exchange included.
test:
	dotnet test IcpRegulatorSim.sln -c Release

build:
	dotnet build IcpRegulatorSim.sln -c Release

## The icp-gateway CLI as an executable: $(GATEWAY)/icp-gateway
gateway:
	dotnet build src/IcpRegulatorSim.ProviderGateway -c Release -o $(GATEWAY)

## The simulator under load, against its own ping baseline in the same run: prints a table, writes bench/results/latest.json.
bench:
	dotnet build src/IcpRegulatorSim.Server -c Release
	dotnet run --project bench/IcpRegulatorSim.Bench -c Release -- $(ARGS)

## About 25 minutes: 200 kill -9 cycles under a submit load (nothing acknowledged lost) and 1,000,000 fuzzed calls (no UNKNOWN/INTERNAL, refusals change nothing, memory bounded); not part of test.
soak:
	dotnet build src/IcpRegulatorSim.Server -c Release
	dotnet run --project soak/IcpRegulatorSim.Soak -c Release -- $(ARGS)

format:
	dotnet format IcpRegulatorSim.sln --verify-no-changes

clean:
	dotnet clean IcpRegulatorSim.sln
	rm -rf $(GATEWAY)
