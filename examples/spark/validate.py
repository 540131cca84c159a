"""Bulk validation of merchant codes with PySpark and the `emvqr` Python package.

Reads a text file of payloads (one per line), decodes them with `emvqr.decode_table` inside
`mapInArrow` (Arrow batches in, Arrow batches out, no Python object per payload), writes a
Parquet table of results (the payload, its verdict, error, scheme, merchant, amount, currency
and providers) and prints a summary by verdict, error code and scheme. The same script runs on
a cluster: give the cluster's master instead of `local[2]`.

    python examples/spark/validate.py payloads.txt results.parquet [master]
"""

import os
import sys

import emvqr
import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

# The columns of emvqr.decode_table, after the payload itself (its `line` counts within a
# batch, so it is left out here).
SCHEMA = (
    "payload string, valid boolean, mode string, scheme string, error_code string, "
    "offset long, path string, merchant_name string, merchant_city string, amount string, "
    "currency string, providers array<string>"
)


def decode_batches(batches):
    """Each Arrow batch of payloads to a batch of results, row for row."""
    for batch in batches:
        payloads = batch.column(0)
        table = emvqr.decode_table(payloads).drop_columns(["line"])
        columns = [payloads] + [c.combine_chunks() for c in table.columns]
        yield pa.RecordBatch.from_arrays(columns, names=["payload"] + table.column_names)


def use_this_python():
    """Spark's Python workers run the interpreter running this script, where `emvqr` is
    installed (unless PYSPARK_PYTHON says otherwise)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def validate(spark, source, target):
    """Decodes every line of `source` into the Parquet table `target`; returns the summary
    rows: (valid, error_code, scheme, count), most frequent first."""
    # The workers import this file for `decode_batches` (and need `emvqr` installed).
    spark.sparkContext.addPyFile(__file__)
    payloads = spark.read.text(source).withColumnRenamed("value", "payload")
    results = payloads.mapInArrow(decode_batches, SCHEMA)
    results.write.mode("overwrite").parquet(target)
    written = spark.read.parquet(target)
    summary = (
        written.groupBy("valid", "error_code", "scheme")
        .count()
        .orderBy(F.desc("count"), "error_code", "scheme")
    )
    return [tuple(row) for row in summary.collect()]


def main():
    source, target = sys.argv[1], sys.argv[2]
    master = sys.argv[3] if len(sys.argv) > 3 else "local[2]"
    use_this_python()
    spark = SparkSession.builder.master(master).appName("emvqr-validate").getOrCreate()
    try:
        for valid, code, scheme, count in validate(spark, source, target):
            verdict = "valid" if valid else f"invalid ({code})"
            print(f"{count:>10}  {verdict:<40} {scheme or '-'}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
