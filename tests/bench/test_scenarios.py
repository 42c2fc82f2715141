"""Every benchmark scenario runs once, without latency, and costs the backend calls it should.

These keep ``bench/`` from rotting; they assert call counts, never timings. With no warm-up
the counts are cold: the CMS adapter reads ``GET /languages`` once and the Pixieset adapter
signs in once (``POST /login``) on first use, calls a warmed-up benchmark run does not make.
"""

from __future__ import annotations

from pathlib import Path

from bench.run import main
from bench.scenarios import Measurement, by_key, measure

SCENARIOS = by_key()


async def once(key: str) -> Measurement:
    return await measure(SCENARIOS[key], runs=1, warmups=0, latency_ms=0)


async def test_fifty_cms_galleries_cost_one_list_fifty_reads_and_the_language_table():
    result = await once("cms-fifty")
    assert result.graphql_requests == 1
    assert result.calls_by_source == {"cms": 52}  # 1 list + 50 GET /galleries/{id} + 1 languages


async def test_the_n_plus_one_baseline_sends_fifty_one_requests_for_the_same_backend_calls():
    result = await once("cms-fifty-n-plus-one")
    assert result.graphql_requests == 51  # the id list, then one request per gallery
    assert result.calls_by_source == {"cms": 52}  # no backend batch endpoint to lose


async def test_the_merged_list_reads_a_page_of_every_demo_source_and_the_missing_titles():
    result = await once("merged-twenty")
    assert result.graphql_requests == 1
    assert result.calls_by_source == {
        "cms": 6,  # list + 4 gallery reads for titles + languages
        "dpg": 5,  # tree + 4 set reads (tree nodes carry no full gallery)
        "pixieset": 4,  # login + collections + the galleries of 2 collections: its share of 4
        "glycerine": 5,  # collections + the image sets of each of 4 collections
        "iiif": 9,  # 4 collection documents + 4 manifests + 1 level-0 info.json
    }
    assert result.backend_calls == 29


async def test_the_dpg_tree_four_levels_deep_costs_one_backend_call():
    result = await once("dpg-tree")
    assert result.calls_by_source == {"dpg": 1}


async def test_ten_pixieset_collections_cost_one_call_per_collection_and_per_gallery():
    result = await once("pixieset-collections")
    # login + collection list + 10 collections' galleries + 35 galleries' first photo page
    assert result.calls_by_source == {"pixieset": 47}


async def test_a_iiif_collection_of_twenty_manifests_costs_twenty_one_documents():
    result = await once("iiif-collection")
    assert result.calls_by_source == {"iiif": 21}  # the collection + 20 manifests


async def test_thirty_nodes_cost_one_read_each_batched_or_one_by_one():
    batched = await once("nodes-batched")
    singles = await once("nodes-singles")
    assert batched.graphql_requests == 1
    assert singles.graphql_requests == 30
    # 6 galleries per source; CMS also reads its language table, IIIF one level-0 info.json
    expected = {"cms": 7, "dpg": 6, "pixieset": 6, "glycerine": 6, "iiif": 7}
    assert batched.calls_by_source == expected
    assert singles.calls_by_source == expected


async def test_the_p95_is_the_nearest_rank_of_the_timings():
    result = Measurement(
        scenario=SCENARIOS["dpg-tree"],
        latency_ms=0,
        graphql_requests=1,
        calls_per_run=(1,) * 20,
        calls_by_source={"dpg": 1},
        timings_ms=tuple(float(ms) for ms in range(20, 0, -1)),
    )
    assert result.median_ms == 10.5
    assert result.p95_ms == 19.0
    assert not result.calls_vary


def test_the_runner_writes_the_command_and_one_row_per_scenario(tmp_path: Path):
    output = tmp_path / "results.md"
    argv = ["--runs", "1", "--warmups", "0", "--latency-ms", "0", "--only", "dpg-tree"]
    assert main([*argv, "--output", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert (
        "Command: `python -m bench.run --runs 1 --warmups 0 --latency-ms 0 --only dpg-tree" in page
    )
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert len(rows) == 1
    assert rows[0].startswith("| `dpg-tree`")
    assert "| 1 (dpg 1) |" in rows[0]
