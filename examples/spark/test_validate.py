"""The Spark example in local mode (`local[2]`) on one million generated payloads: the counts
Spark reports are those `emvqr.decode_table` gives for the same file in one process."""

import collections
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("pyspark")
import emvqr  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import validate  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
N = 1_000_000


def test_spark_counts_match_the_package(tmp_path):
    source = tmp_path / "payloads.txt"
    subprocess.run(
        [sys.executable, str(ROOT / "benches" / "gen_batch.py"), str(source), str(N)], check=True
    )
    # One payload a line, split as Spark splits text (at line feeds; the file has no carriage
    # return), not as str.splitlines would (it also splits at U+2028 and other separators).
    lines = source.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == N
    table = emvqr.decode_table(lines)
    expected = collections.Counter(
        zip(
            table.column("valid").to_pylist(),
            table.column("error_code").to_pylist(),
            table.column("scheme").to_pylist(),
        )
    )
    validate.use_this_python()
    spark = SparkSession.builder.master("local[2]").appName("emvqr-test").getOrCreate()
    try:
        summary = validate.validate(spark, str(source), str(tmp_path / "results.parquet"))
        rows = spark.read.parquet(str(tmp_path / "results.parquet")).count()
    finally:
        spark.stop()
    got = {(valid, code, scheme): count for valid, code, scheme, count in summary}
    assert rows == N
    assert got == dict(expected)
    assert sum(got.values()) == N
    # The mix holds invalid codes too: the summary names their errors.
    assert any(not valid for valid, _, _ in got)
