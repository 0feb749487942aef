from django.apps import AppConfig


class BaselineConfig(AppConfig):
    """The yardstick of the ratings load test: a view that inserts one row and nothing else."""

    name = "benchmarks.baseline"
    label = "bench_baseline"
    default_auto_field = "django.db.models.BigAutoField"
