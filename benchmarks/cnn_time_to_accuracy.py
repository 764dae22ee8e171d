"""Wall time until a CNN first reaches 97% test accuracy on the bundled digits: ours vs keras.io.

The reference is the keras.io `mnist_convnet` example's published recipe: two valid 3x3
convolutions (32, 64 filters) each followed by 2x2 max-pooling, flatten, dropout 0.5, softmax;
batch 128, Adam with its default learning rate. Its layers cannot run on 8x8 images (the second
pooling would get a 1x1 map), so it trains on the digits resized to 28x28, as in DESIGN.md.
Ours is `glossary.cnn.build_cnn` with the `cnn` demo's own settings on the 8x8 digits.
Both are timed on training only (the per-epoch test evaluation is excluded), same process,
same machine, same seeds.
"""

from __future__ import annotations

import statistics
import time

DESCRIPTION = __doc__.split("\n\n", 1)[1].strip()
TARGET = 0.97
MAX_EPOCHS = 25


def _timed_training(model, x, y, x_test, y_test, batch_size: int):
    """Train epoch by epoch; returns (epochs, train seconds) at the first test accuracy >= TARGET."""
    import keras

    class Clock(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.reached, self.accuracy = 0.0, None, 0.0

        def on_epoch_begin(self, epoch, logs=None):
            self._start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds += time.perf_counter() - self._start
            self.accuracy = float(self.model.evaluate(x_test, y_test, verbose=0)[1])
            if self.accuracy >= TARGET and self.reached is None:
                self.reached = (epoch + 1, self.seconds)
                self.model.stop_training = True

    clock = Clock()
    model.fit(x, y, batch_size=batch_size, epochs=MAX_EPOCHS, verbose=0, callbacks=[clock])
    return clock.reached, clock.accuracy


def _keras_io_recipe(num_classes: int):
    import keras
    from keras import layers

    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ])


def compare(seeds) -> tuple[list[str], float]:
    """Table rows and the ratio of median seconds-to-97% (recipe / ours)."""
    import keras

    from nutshell import data, glossary
    from nutshell.glossary.cnn import build_cnn
    from nutshell.settings import demo_settings

    digits = data.load_digits()
    resize = lambda x: keras.ops.convert_to_numpy(keras.ops.image.resize(x, (28, 28)))
    big_train, big_test = resize(digits.x_train), resize(digits.x_test)
    ours = demo_settings(glossary.lookup("cnn"))
    rows, seconds = [], {"ours": [], "keras.io": []}
    for seed in seeds:
        for name in ("ours", "keras.io"):
            keras.utils.set_random_seed(seed)
            if name == "ours":
                model = build_cnn(digits.input_shape, digits.num_classes)
                rate, batch, x, x_test = (ours.learning_rate, ours.batch_size,
                                          digits.x_train, digits.x_test)
            else:
                model = _keras_io_recipe(digits.num_classes)
                rate, batch, x, x_test = 1e-3, 128, big_train, big_test
            model.compile(optimizer=keras.optimizers.Adam(rate), loss="sparse_categorical_crossentropy",
                          metrics=["accuracy"])
            reached, final = _timed_training(model, x, digits.y_train, x_test, digits.y_test, batch)
            if reached:
                seconds[name].append(reached[1])
                rows.append(f"| {name} | {seed} | {reached[0]} | {reached[1]:.2f} | {final:.4f} |")
            else:
                seconds[name].append(float("inf"))
                rows.append(f"| {name} | {seed} | not within {MAX_EPOCHS} | - | {final:.4f} |")
    ratio = statistics.median(seconds["keras.io"]) / statistics.median(seconds["ours"])
    return rows, ratio
