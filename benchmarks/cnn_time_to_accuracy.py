"""Training time until our CNN reaches the keras.io convnet's final test accuracy, on bundled MNIST.

The reference is the keras.io `mnist_convnet` example as published (`keras_io_convnet` in
glossary/cnn.py: two unpadded 3x3 convolutions of 32 and 64 kernels, each max-pooled 2x2, dropout
0.5, softmax; batch 128, Adam 1e-3, 15 epochs). Ours is the `cnn` demo's network and settings
(`build_cnn` with two same-padded 5x5 stages of 16 and 32 kernels; batch, learning rate, epochs
and cosine decay from the demo's defaults). Both train on the same 6,800 bundled MNIST images (85%
of the 8,000 training images) and are scored on the same 2,000 test images, in one process,
one after the other, seed by seed, with one training step per execution and no XLA. The clock
counts training only, from the end of the first step (which traces the graph, a fixed cost) on;
about every 1,700 training images (a quarter of an epoch) it stops while the test set is
scored. Ours stops at the first score at or above the recipe's final test accuracy for the same
seed. Target: ours gets there in at most half the recipe's training time.
"""

from __future__ import annotations

import statistics
import time

DESCRIPTION = __doc__.split("\n\n", 1)[1].strip()
SCORE_EVERY = 1_700  # training images between two scorings of the test set
TARGET_SHARE = 0.5  # ours must reach the recipe's accuracy within this share of its training time

# Levers: what each variant changes in our CNN's network or training (the rest as in the demo).
LEVERS = {
    "demo defaults": {},
    "3x3 kernels": {"kernel_size": 3},
    "filters 8, 16": {"filters": (8, 16)},
    "filters 32, 64": {"filters": (32, 64)},
    "batch 32": {"batch_size": 32},
    "batch 128": {"batch_size": 128},
    "Adam 1e-3": {"learning_rate": 1e-3},
    "Adam 1e-2": {"learning_rate": 1e-2},
    "no cosine decay": {"decay": False},
}


def _scored_training(model, train, test, *, epochs, batch_size, callbacks=(), target=None):
    """Train, scoring the test set about every SCORE_EVERY images with the clock stopped.

    Returns (seconds to the first score >= target or None, final score, training seconds, curve
    of (seconds, accuracy)). With a target, training stops as soon as it is reached.
    """
    import keras

    class Clock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.every = max(1, round(SCORE_EVERY / batch_size))
            self.seconds, self.batches, self.reached, self.curve = 0.0, 0, None, []

        def on_train_begin(self, logs=None):
            self.started = time.perf_counter()

        def score(self):
            self.seconds += time.perf_counter() - self.started
            accuracy = float(self.model.evaluate(*test, batch_size=500, verbose=0)[1])
            self.curve.append((self.seconds, accuracy))
            if target is not None and accuracy >= target and self.reached is None:
                self.reached = self.seconds
                self.model.stop_training = True
            self.started = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            self.batches += 1
            if self.batches == 1:  # the first step traces the graph: a fixed cost, not timed
                self.started = time.perf_counter()
            elif self.batches % self.every == 0:
                self.score()

        def on_train_end(self, logs=None):
            if self.batches % self.every:
                self.score()

    clock = Clock()
    model.fit(*train, batch_size=batch_size, epochs=epochs, verbose=0, callbacks=[clock, *callbacks])
    return clock.reached, clock.curve[-1][1], clock.seconds, clock.curve


def _first_reaching(curve, accuracy):
    return next(seconds for seconds, score in curve if score >= accuracy)


def measure(seeds, levers=LEVERS) -> dict:
    """Per seed: the recipe's final accuracy and times, and each lever's time to reach it."""
    import keras

    from nutshell import data, glossary
    from nutshell.glossary._schedules import cosine_decay
    from nutshell.glossary.cnn import KERAS_IO_RECIPE, OUR_CNN, build_cnn, keras_io_convnet
    from nutshell.settings import demo_settings

    split = data.load_images("mnist")
    train, _ = data.validation_split(split.x_train, split.y_train)
    test = (split.x_test, split.y_test)
    demo = demo_settings(glossary.lookup("cnn"))

    def compiled(model, rate):
        model.compile(
            optimizer=keras.optimizers.Adam(rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
            steps_per_execution=1,
            jit_compile=False,
        )
        return model

    results = {"recipe": [], **{name: [] for name in levers}}
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        recipe = compiled(keras_io_convnet(split.input_shape, split.num_classes), KERAS_IO_RECIPE["learning_rate"])
        _, final, seconds, curve = _scored_training(
            recipe, train, test, epochs=KERAS_IO_RECIPE["epochs"], batch_size=KERAS_IO_RECIPE["batch_size"]
        )
        results["recipe"].append(
            {"seed": seed, "final": final, "seconds": seconds, "to_final": _first_reaching(curve, final)}
        )
        for name, lever in levers.items():
            config = {
                "filters": OUR_CNN["filters"],
                "kernel_size": OUR_CNN["kernel_size"],
                "batch_size": demo.batch_size,
                "learning_rate": demo.learning_rate,
                "epochs": demo.epochs,
                "decay": True,
                **lever,
            }
            keras.utils.set_random_seed(seed)
            model = compiled(
                build_cnn(
                    split.input_shape, split.num_classes, filters=config["filters"], kernel_size=config["kernel_size"]
                ),
                config["learning_rate"],
            )
            schedule = [cosine_decay(config["learning_rate"], config["epochs"])] if config["decay"] else []
            reached, last, seconds, _ = _scored_training(
                model,
                train,
                test,
                epochs=config["epochs"],
                batch_size=config["batch_size"],
                callbacks=schedule,
                target=final,
            )
            results[name].append(
                {
                    "seed": seed,
                    "reached": reached,
                    "accuracy": last,
                    "seconds": seconds,
                    "parameters": model.count_params(),
                }
            )
    return results


def _median(values):
    return statistics.median(values) if values else float("inf")


def _or_inf(seconds):
    return float("inf") if seconds is None else seconds


def _seconds(value):
    return f"{value:.2f}" if value != float("inf") else "not reached"


def report(seeds) -> list[str]:
    """The section's Markdown lines: the per-seed table, the verdict, and the levers."""
    results = measure(seeds)
    recipe, ours = results["recipe"], results["demo defaults"]
    lines = [
        "| seed | keras.io final test accuracy | keras.io training s (all epochs) | keras.io s to "
        "its final accuracy | ours: s to that accuracy | ours: accuracy when stopped |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r, o in zip(recipe, ours):
        lines.append(
            f"| {r['seed']} | {r['final']:.4f} | {r['seconds']:.2f} | {r['to_final']:.2f} | "
            f"{_seconds(_or_inf(o['reached']))} | "
            f"{o['accuracy']:.4f} |"
        )
    recipe_seconds = _median([r["seconds"] for r in recipe])
    ours_seconds = _median([_or_inf(o["reached"]) for o in ours])
    share = ours_seconds / recipe_seconds
    met = "met" if share <= TARGET_SHARE else "missed"
    lines += [
        "",
        f"**Median: ours reaches the keras.io convnet's final test accuracy in "
        f"{_seconds(ours_seconds)} s of training, {share:.2f} of the recipe's "
        f"{recipe_seconds:.2f} s (recipe / ours: {recipe_seconds / ours_seconds:.2f}x); target "
        f"<= {TARGET_SHARE:g}: {met}.**",
        "",
        "Levers, one at a time on our CNN (same seeds, same target per seed):",
        "",
        "| variant | parameters | reached (of seeds) | median s to target | share of the "
        "recipe's time | median accuracy when stopped |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in LEVERS:
        rows = results[name]
        reached = [r["reached"] for r in rows if r["reached"] is not None]
        median = _median([_or_inf(r["reached"]) for r in rows])
        lines.append(
            f"| {name} | {rows[0]['parameters']:,} | {len(reached)} of {len(rows)} | "
            f"{_seconds(median)} | {median / recipe_seconds:.2f} | "
            f"{_median([r['accuracy'] for r in rows]):.4f} |"
        )
    return lines
