"""Scaling out: Dask (map_partitions on a LocalCluster), Spark (mapInPandas, mapInArrow)."""

import os
import pickle
import sys

import pandas as pd
import pytest
import sayso

GAZ = sayso.Gazetteer(
    [
        {"name": "Eva Lind", "label": "PERSON", "id": "p1"},
        {"name": "Nordvik", "label": "GPE", "id": "g1"},
    ]
)
EX = sayso.Extractor(GAZ)
TEXTS = [
    "“The ferry runs again,” Eva Lind said in Nordvik.",
    None,
    "Nordvik wants a deal, the mayor told reporters on Monday.",
    "Nothing to report.",
]
FRAME = pd.DataFrame({"id": [f"a{i}" for i in range(400)], "text": TEXTS * 100})


def test_pickles_are_compact_and_rebuild_once_a_process():
    data = pickle.dumps(EX)
    assert len(data) < 1000
    assert pickle.loads(data) is pickle.loads(data)
    assert pickle.loads(pickle.dumps(GAZ)) is pickle.loads(pickle.dumps(GAZ))
    assert len(pickle.dumps(sayso.Extractor())) < 100, "the built-in gazetteer is not copied"


def test_dask_map_partitions_on_two_worker_processes():
    dd = pytest.importorskip("dask.dataframe")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        ddf = dd.from_pandas(FRAME, npartitions=4)
        meta = EX.quotes(FRAME.head(0), "text", keep=["id"])
        got = ddf.map_partitions(EX.quotes, "text", keep=["id"], meta=meta).compute()
        assert len(client.scheduler_info()["workers"]) == 2
    want = EX.quotes(FRAME, "text", keep=["id"])
    assert len(want) == 200
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True).astype(str), want.reset_index(drop=True).astype(str)
    )


SPARK_SCHEMA = (
    "id string, start long, end long, text string, kind string, cue string, cue_start long, "
    "cue_end long, speaker string, speaker_text string, speaker_start long, speaker_end long, "
    "speaker_id string, speaker_label string, source string, source_start long, "
    "source_end long, rule string, speaker_via string, confidence double"
)


# pyspark 4.3 predates pandas 3 and says so, and uses a keyword pandas 3 deprecates.
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_spark_map_in_pandas_on_local_2():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    ex, columns = EX, ["id", *sayso._frames.QUOTE_COLUMNS[1:]]

    # Defined here, so that Spark pickles it by value for its workers.
    def spark_quotes(batches):
        for batch in batches:
            yield ex.quotes(batch, "text", keep=["id"])[columns]

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sayso-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        sdf = spark.createDataFrame(FRAME, "id string, text string").repartition(2)
        got = sdf.mapInPandas(spark_quotes, SPARK_SCHEMA).toPandas()
    finally:
        spark.stop()
    want = EX.quotes(FRAME, "text", keep=["id"])
    key = ["id", "start"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want[["id", *sayso._frames.QUOTE_COLUMNS[1:]]].sort_values(key).reset_index(drop=True)
    assert len(got) == len(want) == 200
    assert got.astype(str).values.tolist() == want.astype(str).values.tolist()


# pyspark 4.3 predates pandas 3 and says so (toPandas below).
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_spark_map_in_arrow_on_local_2():
    import pyarrow as pa
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    ex, columns = EX, ["id", *sayso._frames.QUOTE_COLUMNS[1:]]

    # Record batches in, record batches out: no pandas on the workers. Spark reads no
    # dictionary-encoded columns: they are decoded to plain strings.
    def spark_quotes(batches):
        for batch in batches:
            table = ex.quotes(batch, "text", keep=["id"]).select(columns)
            assert isinstance(table, pa.Table)
            plain = [
                pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
                for f in table.schema
            ]
            yield from table.cast(pa.schema(plain)).to_batches()

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sayso-test-arrow")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        sdf = spark.createDataFrame(FRAME, "id string, text string").repartition(2)
        got = sdf.mapInArrow(spark_quotes, SPARK_SCHEMA).toPandas()
    finally:
        spark.stop()
    want = EX.quotes(FRAME, "text", keep=["id"])
    key = ["id", "start"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want[["id", *sayso._frames.QUOTE_COLUMNS[1:]]].sort_values(key).reset_index(drop=True)
    assert len(got) == len(want) == 200
    assert got.astype(str).values.tolist() == want.astype(str).values.tolist()
