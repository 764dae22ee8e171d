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
at batch 8 and at batch 256. On a shared 2-core machine without a GPU, `--quick`, seeds 0-4: a
1024×1024 product ran at 3.3-7.4 GFLOP/s for one row and 74-207 GFLOP/s for 256, and training
got through 6.7-12.6 times as many examples per second at batch 256 as at batch 8; after its one
epoch on 1,500 digits the batch-256 MLP reached 80-84% test accuracy. Timings depend on what else
the machine is doing, so they are shown beside the verdict, not in it. Where a GPU is present the
demo also reports its speed-up over the CPU.

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
    "steps_per_execution": 1,  # it times batches one at a time
    "epochs": 2,
    "batch_size": 256,
    "learning_rate": 0.001,
    "datasets": ("mnist",),
    "quick": {"epochs": 1},
}

PREREQUISITES = ("layer",)

PREDICT = {
    "question": "The same 1024-wide MLP trains on the same digits, on the same processor, once taking "
    "8 examples per step and once 256. Counted in examples per second, how fast is the "
    "larger batch against the smaller?",
    "options": {
        "A": "several times as fast",
        "B": "about as fast, at most twice: the arithmetic per example does not change",
        "C": "slower: each step has more to do",
        "D": "it depends on the seed",
    },
    "why": "A GPU is a hall of thousands of line cooks who can only chop, but all at once. Matrix "
    "products and convolutions are millions of independent multiply-adds: pure chopping work.",
}

RECALL = (
    {
        "question": "A fully connected layer maps a batch of 256 inputs, each 4096 wide, to 4096 "
        "outputs. About how much arithmetic is that?",
        "options": {
            "A": "about 33.5 million FLOP",
            "B": "about 8.6 billion FLOP",
            "C": "about 2.1 million FLOP",
            "D": "about 8.6 trillion FLOP",
        },
        "answer": "B",
        "why": "That is B·n·m multiply-adds, about 2Bnm floating-point operations (FLOP). Example: B = "
        "256, n = m = 4096 gives 2 · 256 · 4096 · 4096 ≈ 8.6 × 10⁹ FLOP.",
    },
)

__all__ = ["matmul_rate", "accelerators"]

# Everything above is read by the registry without importing this module; the code below needs Keras.
import time

import keras
import numpy as np
from keras import ops

from nutshell.glossary._claims import Part, at_least, held_on_some_seeds, recorded_parts
from nutshell.glossary._run import Run
from nutshell.glossary.mlp import mlp


def accelerators() -> list[str]:
    """The GPUs (or TPUs) Keras can see, as device names such as "gpu:0"; empty on a CPU-only
    machine."""
    return [name for name in keras.distribution.list_devices() if not name.startswith("cpu")]


def matmul_rate(batch: int, width: int, device: str, repeats: int = 5) -> float:
    """Floating-point operations per second of Y = XW on `device`: X is batch × width, W width ×
    width, so one product is 2·batch·width² FLOP. The best of `repeats` timed runs counts (after a
    warm-up), the one least disturbed by other work on the machine.
    """
    with keras.device(device):
        rng = np.random.default_rng(0)
        x = ops.convert_to_tensor(rng.normal(size=(batch, width)).astype("float32"))
        w = ops.convert_to_tensor(rng.normal(size=(width, width)).astype("float32"))
        products = max(1, 2**22 // (batch * width))  # enough work per timing to be measurable
        ops.convert_to_numpy(ops.sum(ops.matmul(x, w)))
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            total = 0.0
            for _ in range(products):
                total = total + ops.sum(ops.matmul(x, w))  # sum: wait for the device to finish
            ops.convert_to_numpy(total)
            best = min(best, (time.perf_counter() - started) / products)
    return 2.0 * batch * width * width / best


# --- the demo --------------------------------------------------------------------------------

BATCHES = (1, 8, 64, 256, 1024)
WIDTH = 1024
SMALL_BATCH = 8  # the batch the run's batch is compared with
QUICK_IMAGES = (1500, 500)
# The claim's bars. The speed-ups are timings: they depend on the machine and on what else runs on
# it, so they are shown but do not vote. The part that votes: trained at the run's batch for the
# run's epochs, the MLP reaches LEARNED test accuracy (speed bought with a net that does not learn
# would be no speed-up). Chosen with --held-out on seeds 100-102 (a validation split of the
# training images), at batch 256: 0.9145-0.928 after 2 epochs on 6,000 images, 0.834-0.844 after
# 1 epoch on 1,500 (--quick); the bars leave a margin of at least 5% below the lowest.
MIN_MATMUL_GAIN, MIN_TRAINING_GAIN, MIN_ACCELERATOR_SPEEDUP = 4.0, 3.0, 5.0
LEARNED = {False: 0.85, True: 0.75}


def _examples_per_second(history, examples: int, first_step: int) -> float:
    """Training examples per second from the harness's clock (history["training_seconds"]), which
    leaves out the fit's first step (it traces the graph): so does the count of examples, by the
    `first_step` examples that step trained on (a batch, times the batches run per step)."""
    epochs = len(history["training_seconds"])
    return (epochs * examples - min(first_step, examples)) / max(sum(history["training_seconds"]), 1e-9)


def claim_parts(
    matmul_gain: float, training_gain: float, accuracy: float, *, quick: bool, accelerator_speedup: float | None = None
) -> list[Part]:
    """The claim's parts: how much faster batches of 256 multiply than single rows, how many more
    examples per second training handles at the run's batch than at SMALL_BATCH, and, on an
    accelerator, its speed-up over the CPU (timings, shown but not voting); and the test accuracy
    the MLP reached at the run's batch (measured: it votes)."""
    parts = [
        at_least("test_accuracy", accuracy, LEARNED[quick]),
        at_least("matmul_batching_gain", matmul_gain, MIN_MATMUL_GAIN, kind="timing"),
        at_least("training_gain", training_gain, MIN_TRAINING_GAIN, kind="timing"),
    ]
    if accelerator_speedup is not None:
        parts.append(
            at_least("accelerator_over_cpu_batch_256", accelerator_speedup, MIN_ACCELERATOR_SPEEDUP, kind="timing")
        )
    return parts


def _matmul_rates(run, devices, repeats):
    """GFLOP/s of a batch × WIDTH by WIDTH × WIDTH product, by device and batch; logged and shown."""
    rates = {
        device: {batch: matmul_rate(batch, WIDTH, device, repeats) / 1e9 for batch in BATCHES} for device in devices
    }
    for batch in BATCHES:
        run.scalars(
            {device.replace(":", "_"): rates[device][batch] for device in devices},
            step=batch,
            prefix="matmul_gflops_by_batch",
        )
    run.say(
        run.table(
            "matmul",
            ["batch", *(f"GFLOP/s on {device}" for device in devices)],
            [[batch, *(rates[device][batch] for device in devices)] for batch in BATCHES],
        )
    )
    return rates


def demo(run: Run) -> None:
    """How fast this machine multiplies matrices and trains, by batch size, and on a GPU if any."""
    devices = ["cpu:0", *accelerators()]
    fastest = devices[-1]
    run.say(
        f"Devices Keras sees: {', '.join(devices)}."
        + ("" if len(devices) > 1 else " No GPU here: only the CPU can be measured.")
    )
    rates = _matmul_rates(run, devices, repeats=3 if run.quick else 5)

    split = run.load_images(quick=QUICK_IMAGES)
    trained = {}
    for batch, name in ((SMALL_BATCH, f"batch-{SMALL_BATCH}"), (run.batch_size, None)):
        run.say(f"Training a {WIDTH}-wide MLP on {fastest} at batch {batch}…")
        model = mlp(split.input_shape, (WIDTH, WIDTH), split.num_classes, output_activation="softmax", name="wide_mlp")
        with keras.device(fastest):
            run.compile(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            history = run.fit(model, split.x_train, split.y_train, batch_size=batch, name=name)
            accuracy = model.evaluate(split.x_test, split.y_test, verbose=0, return_dict=True)["accuracy"]
        first_step = batch * (model.steps_per_execution or 1)
        trained[name] = {
            "speed": _examples_per_second(history, len(split.y_train), first_step),
            "accuracy": float(accuracy),
        }
    small, large = trained[f"batch-{SMALL_BATCH}"], trained[None]
    run.say(
        run.table(
            "training",
            ["batch", "examples per second", "test accuracy"],
            [[SMALL_BATCH, small["speed"], small["accuracy"]], [run.batch_size, large["speed"], large["accuracy"]]],
        )
    )
    run.metrics(
        {
            "matmul_gflops_batch_256": rates[fastest][256],
            "test_accuracy": large["accuracy"],
            f"examples_per_second_batch_{run.batch_size}": large["speed"],
        }
    )

    speedup = rates[fastest][256] / rates["cpu:0"][256] if len(devices) > 1 else None
    parts = claim_parts(
        rates[fastest][256] / rates[fastest][1],
        large["speed"] / small["speed"],
        large["accuracy"],
        quick=run.quick,
        accelerator_speedup=speedup,
    )
    device_part = (
        "No GPU on this machine, so the GPU-versus-CPU speed-up is not measured here; what is: "
        if speedup is None
        else f"On {fastest} a {WIDTH}-wide matrix product runs at least "
        "{accelerator_over_cpu_batch_256:g}x faster than on the CPU at batch 256; "
    )
    run.claim(
        device_part + f"on {fastest}, a batch of 256 rows multiplies at least "
        "{matmul_batching_gain:g}x as many FLOP per second as a single row, and training a "
        f"{WIDTH}-wide MLP at batch {run.batch_size} handles at least {{training_gain:g}}x the examples "
        f"per second of batch {SMALL_BATCH} (timings: they depend on the machine's load), while that "
        "MLP still reaches {test_accuracy:.0%} test accuracy: parallel hardware needs work in large "
        "batches.",
        parts,
        **{f"{device.replace(':', '_')}_gflops_batch_{b}": rates[device][b] for device in devices for b in (1, 256)},
        examples_per_second_small_batch=small["speed"],
        examples_per_second_run_batch=large["speed"],
        test_accuracy_small_batch=small["accuracy"],
    )


def outcome(claim: dict) -> str:
    """Which PREDICT option the measured claim shows: examples per second at the run's batch over
    those at SMALL_BATCH (training_gain, a timing part), against MIN_TRAINING_GAIN's seeds."""
    gain = recorded_parts(claim)["training_gain"]
    if held_on_some_seeds(gain):
        return "D"
    if gain["mean"] >= 2.0:
        return "A"
    return "B" if gain["mean"] >= 0.9 else "C"
