"""A GPU (graphics processing unit) is a processor with thousands of simple cores that apply the
same arithmetic to many numbers at once; neural-network training is mostly big matrix products,
so a GPU runs it many times faster than a CPU.

## Intuition
A CPU is a few master chefs who can cook anything. A GPU is a hall of thousands of line cooks
who can only chop, but all at once. Matrix products and convolutions are millions of independent
multiply-adds: pure chopping work.

GPUs were built for games, where every pixel runs the same small program. NVIDIA's CUDA (2007)
opened them to general code; cuDNN (2014) supplies fast convolutions and similar building blocks.
Networks ran on GPUs well before 2012: a ConvNet for document images (Chellapilla, Puri and Simard,
2006), deep belief nets (Raina, Madhavan and Ng, 2009), and large plain MLPs that set an MNIST
record (Cireşan and colleagues, 2010). In 2012 Krizhevsky, Sutskever and Hinton trained a ConvNet of
about 60 million parameters on two GTX 580 cards (3 GB each) for five to six days and won ImageNet
with 15.3% top-5 error against 26.2% for the runner-up; LeCun, Bengio and Hinton credit GPUs, ReLU
and dropout for that result.

## The math
A fully connected layer on a batch computes Y = XW with X of size B × n and W of size n × m.
That is B·n·m multiply-adds, about 2Bnm floating-point operations (FLOP).

Example: B = 256, n = m = 4096 gives 2 · 256 · 4096 · 4096 ≈ 8.6 × 10⁹ FLOP. At a sustained
10 TFLOP/s (10¹³ per second) that takes under 1 ms; a CPU core managing 50 GFLOP/s needs over
0.17 s. Memory is the other limit: weights, gradients, optimiser state and the activations kept
for backpropagation must all fit on the card. 60 million float32 weights alone take 240 MB.

## Picture
```text
 CPU: a few strong cores       GPU: thousands of small cores
 ┌──────┬──────┐               ┌┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┬┐
 │ core │ core │  big caches,  ├┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┤  one operation,
 ├──────┼──────┤  branchy code ├┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┼┤  many numbers
 │ core │ core │               └┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┴┘
 └──────┴──────┘
```

## Try it
`nutshell demo gpu` times matrix products on every device Keras sees and trains a 1024-wide MLP
at batch 8 and at batch 256. On this 2-core machine without a GPU, a 1024×1024 product ran at about
10 GFLOP/s for one example and 206 GFLOP/s for 256, and training got through 8 times as many
examples per second at batch 256 as at batch 8 (seed 0). Where a GPU is present the demo also
reports its speed-up over the CPU.

## See also
- **deep-learning**: the field GPUs made practical
- **cnn**: the network whose 2012 ImageNet win made GPUs standard
- **convolution**: the operation cuDNN speeds up
- **pooling**: one way to keep activations small enough for GPU memory
- **alexnet**: the 2012 ImageNet winner, trained on two GPUs

## Sources
- [dettmers2015]
- [lecun2015]
- [krizhevsky2012]
- [chetlur2014]
- [chellapilla2006] — a ConvNet trained on a GPU in 2006
- [raina2009] — deep belief nets on GPUs
- [ciresan2010] — big MLPs on GPUs for handwritten digits
"""

TITLE = "GPU"
ALIASES = (
    "graphics processing unit",
    "cuda",
    "cudnn",
    "graphics card",
    "gpgpu",
    "graphics processor",
    "hardware",
    "hardware accelerator",
)

DEMO = {
    "epochs": 2, "batch_size": 256, "learning_rate": 0.001, "datasets": ("mnist",),
    "quick": {"epochs": 1},
}

__all__ = ["matmul_rate", "accelerators"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell import data


def accelerators():
    """The GPUs (or TPUs) Keras can see, as device names such as "gpu:0"; empty on a CPU-only
    machine."""
    return [name for name in keras.distribution.list_devices() if not name.startswith("cpu")]


def matmul_rate(batch, width, device, repeats=5):
    """Floating-point operations per second of Y = XW on `device`: X is batch × width, W width ×
    width, so one product is 2·batch·width² FLOP. The best of `repeats` timed runs counts (after a
    warm-up), the one least disturbed by other work on the machine.
    """
    with keras.device(device):
        rng = np.random.default_rng(0)
        x = ops.convert_to_tensor(rng.normal(size=(batch, width)).astype("float32"))
        w = ops.convert_to_tensor(rng.normal(size=(width, width)).astype("float32"))
        products = max(1, 2 ** 22 // (batch * width))  # enough work per timing to be measurable
        ops.convert_to_numpy(ops.sum(ops.matmul(x, w)))
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            total = 0.0
            for _ in range(products):
                total = total + ops.sum(ops.matmul(x, w))   # sum: wait for the device to finish
            ops.convert_to_numpy(total)
            best = min(best, (time.perf_counter() - started) / products)
    return 2.0 * batch * width * width / best


# --- the demo --------------------------------------------------------------------------------

BATCHES = (1, 8, 64, 256, 1024)
WIDTH = 1024


class _SteadySpeed(keras.callbacks.Callback):
    """Examples per second over the second half of each epoch: the first steps also pay for
    building the graph, which says nothing about the hardware."""

    def __init__(self, batch_size):
        super().__init__()
        self.batch_size, self.speed = batch_size, 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.halfway, self.started = max(1, self.params["steps"] // 2), None

    def on_train_batch_end(self, batch, logs=None):
        if batch + 1 == self.halfway:
            self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        steps = self.params["steps"] - self.halfway
        if self.started is not None and steps > 0:
            self.speed = steps * self.batch_size / (time.perf_counter() - self.started)


def _mlp(input_shape, num_classes):
    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(),
                             keras.layers.Dense(WIDTH, activation="relu"),
                             keras.layers.Dense(WIDTH, activation="relu"),
                             keras.layers.Dense(num_classes, activation="softmax")], name="wide_mlp")


def demo(run):
    """How fast this machine multiplies matrices and trains, by batch size, and on a GPU if any."""
    devices = ["cpu:0", *accelerators()]
    fastest = devices[-1]
    run.say(f"Devices Keras sees: {', '.join(devices)}."
            + ("" if len(devices) > 1 else " No GPU here: only the CPU can be measured."))
    rates = {device: {} for device in devices}
    for batch in BATCHES:
        for device in devices:
            rates[device][batch] = matmul_rate(batch, WIDTH, device, repeats=3 if run.quick else 5)
        run.scalars({device.replace(":", "_"): rates[device][batch] / 1e9 for device in devices},
                    step=batch, prefix="matmul_gflops_by_batch")
    run.text("matmul", f"GFLOP/s of a batch × {WIDTH} by {WIDTH} × {WIDTH} product\n\n| batch | "
             + " | ".join(devices) + " |\n|---:|" + "---:|" * len(devices) + "\n" + "\n".join(
                 f"| {b} | " + " | ".join(f"{rates[d][b] / 1e9:,.1f}" for d in devices) + " |"
                 for b in BATCHES))
    batching_gain = rates[fastest][256] / rates[fastest][1]
    run.say(f"{fastest}: {rates[fastest][1] / 1e9:,.1f} GFLOP/s at batch 1, "
            f"{rates[fastest][256] / 1e9:,.1f} at batch 256 ({batching_gain:.1f}x).")

    split = data.load_images(run.settings.dataset)
    if run.quick:
        split = split.subset(1500, 500)
    speeds = {}
    for batch in dict.fromkeys((8, run.batch_size)):   # once only, if the run's batch is 8 itself
        run.say(f"Training a {WIDTH}-wide MLP on {fastest} at batch {batch}…")
        model = _mlp(split.input_shape, split.num_classes)
        speed = _SteadySpeed(batch)
        with keras.device(fastest):
            run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            run.fit(model, split.x_train, split.y_train, batch_size=batch, callbacks=[speed],
                    name=None if batch == run.batch_size else f"batch-{batch}")
        speeds[batch] = speed.speed
    training_gain = speeds[run.batch_size] / speeds[8]

    numbers = {f"{device.replace(':', '_')}_gflops_batch_{b}": rates[device][b] / 1e9
               for device in devices for b in (1, 256)}
    numbers |= {f"training_examples_per_second_batch_{b}": speed for b, speed in speeds.items()}
    run.metrics({"matmul_gflops_batch_256": rates[fastest][256] / 1e9,
                 f"examples_per_second_batch_{run.batch_size}": speeds[run.batch_size]})
    if len(devices) > 1:
        speedup = rates[fastest][256] / rates["cpu:0"][256]
        numbers["accelerator_over_cpu_batch_256"] = speedup
        statement = (f"On {fastest} a {WIDTH}-wide matrix product runs >= 5x faster than on the CPU "
                     "at batch 256; ")
    else:
        speedup = None
        statement = ("No GPU on this machine, so the GPU-versus-CPU speed-up is not measured here; "
                     "what is: ")
    run.claim(
        statement + f"on {fastest}, a batch of 256 multiplies >= 4x as many FLOP per second as a "
        f"batch of 1, and training a {WIDTH}-wide MLP at batch {run.batch_size} handles >= 3x the "
        "examples per second of batch 8: parallel hardware needs work in large batches.",
        verdict=(batching_gain >= 4 and training_gain >= 3 and (speedup is None or speedup >= 5)),
        batching_gain=batching_gain, training_gain=training_gain, **numbers,
    )
