"""A listener for engine clients in tests: it notes every answer, in order (no mock: it is the
EngineListener contract, kept)."""


class Answers:
    def __init__(self):
        self.frames, self.failed_jobs, self.readings, self.failed_probes, self.engine_failures = [], [], [], [], []
        self.tables, self.failed_tables = [], []

    def frame_computed(self, job, frame):
        self.frames.append((job, frame))

    def job_failed(self, job, message):
        self.failed_jobs.append((job, message))

    def reading_computed(self, probe, reading):
        self.readings.append((probe, reading))

    def probe_failed(self, probe, message):
        self.failed_probes.append((probe, message))

    def table_computed(self, request, readings):
        self.tables.append((request, readings))

    def table_failed(self, request, message):
        self.failed_tables.append((request, message))

    def tables_answered(self) -> int:
        return len(self.tables) + len(self.failed_tables)

    def engine_failed(self, message):
        self.engine_failures.append(message)

    def jobs_answered(self) -> int:
        return len(self.frames) + len(self.failed_jobs)


def listened(client) -> Answers:
    answers = Answers()
    client.listen(answers)
    return answers
