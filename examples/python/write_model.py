#!/usr/bin/env python3
"""Write a chipsim model file (model.pb) from numpy arrays.

For users who train elsewhere (PyTorch, JAX, snnTorch, ...): export your weight matrices as numpy arrays, build a
chipsim.v1.Model with the classes protoc generates from chipsim's .proto, and run it with `chipsim run`. See
README.md beside this file for the commands (protoc, PYTHONPATH) and the versions this was tested with.

The network written here is small and made by hand, as a stand-in for trained weights: 4 x 4 images holding one
bright line, horizontal or vertical, over background noise. A hidden layer of 8 line detectors (one per row and
column) feeds two output neurons (horizontal, vertical). Inputs are rate-coded: a pixel's value is its spike
probability per tick.

Usage:  python3 write_model.py OUT.pb [--samples N] [--seed S]      (OUT.pbtxt writes the protobuf text format)
"""
import argparse
import sys

import numpy as np

try:
    from chipsim.v1 import model_pb2
except ImportError as e:  # the generated classes are not on the path
    sys.exit("write_model.py: cannot import chipsim.v1.model_pb2 (%s); generate it first:\n"
             "  protoc --python_out=gen -I core/src/main/proto core/src/main/proto/chipsim/v1/model.proto\n"
             "  PYTHONPATH=gen python3 examples/python/write_model.py model.pb" % e)

SIDE = 4
TICKS_PER_SAMPLE = 32


def line_images(n, rng):
    """n noisy 4 x 4 images with one line each; label 0 = horizontal, 1 = vertical. Values in [0, 1]."""
    images = np.empty((n, SIDE, SIDE), dtype=np.float32)
    labels = rng.integers(0, 2, size=n)
    for k in range(n):
        image = rng.uniform(0.0, 0.15, size=(SIDE, SIDE))      # background noise
        where = rng.integers(0, SIDE)
        if labels[k] == 0:
            image[where, :] = rng.uniform(0.6, 0.9, size=SIDE)  # a row
        else:
            image[:, where] = rng.uniform(0.6, 0.9, size=SIDE)  # a column
        images[k] = image
    return images, labels


def weights():
    """The stand-in for trained weights, as numpy arrays in chipsim's layout: (source size, target size)."""
    # hidden neuron r (r < 4) detects row r, neuron 4 + c detects column c; off-line pixels inhibit a little
    w1 = np.full((SIDE * SIDE, 2 * SIDE), -0.15, dtype=np.float32)
    for y in range(SIDE):
        for x in range(SIDE):
            pixel = y * SIDE + x                                 # C order of the (4, 4) image
            w1[pixel, y] = 0.4
            w1[pixel, SIDE + x] = 0.4
    # output 0 sums the row detectors, output 1 the column detectors
    w2 = np.zeros((2 * SIDE, 2), dtype=np.float32)
    w2[:SIDE, 0] = 1.0
    w2[SIDE:, 1] = 1.0
    w2[:SIDE, 1] = -0.5
    w2[SIDE:, 0] = -0.5
    return w1, w2


def build(samples, seed):
    rng = np.random.default_rng(seed)
    images, labels = line_images(samples, rng)
    w1, w2 = weights()

    model = model_pb2.Model(schema_version=1, name="python-lines (written by examples/python/write_model.py)")
    net = model.network
    net.populations.add(name="input", size=SIDE * SIDE, input=True)
    for name, size in (("hidden", 2 * SIDE), ("output", 2)):
        population = net.populations.add(name=name, size=size)
        population.lif.threshold = 1.0
        population.lif.reset_mode = model_pb2.RESET_SUBTRACT   # integrate-and-fire, reset by subtraction
        population.lif.v_min = 0.0
        population.lif.v_min_set = True
    for source, target, w in (("input", "hidden", w1), ("hidden", "output", w2)):
        projection = net.projections.add(source=source, target=target)
        # row-major source x target: weights[i * target_size + j] is source i -> target j. A PyTorch Linear weight is
        # (out, in): pass layer.weight.detach().numpy().T
        projection.weights.extend(np.ascontiguousarray(w, dtype=np.float32).ravel().tolist())

    rate = model.stimulus.rate_coded
    rate.population = "input"
    rate.ticks_per_sample = TICKS_PER_SAMPLE
    rate.reset_between_samples = True
    for image, label in zip(images, labels):
        sample = rate.samples.add(label=int(label), has_label=True)
        sample.rates.extend(image.ravel().tolist())             # C order, as the input neurons are numbered

    model.run.readout_population = "output"
    model.run.seed = 1
    model.provenance.source = "examples/python/write_model.py: hand-made numpy weights (a stand-in for training)"
    model.provenance.description = "16-8-2 line-orientation network; seed %d; numpy %s" % (seed, np.__version__)
    model.provenance.dataset = "synthetic 4x4 line images, %d samples" % samples
    model.provenance.test_samples = samples
    return model


def main(argv):
    parser = argparse.ArgumentParser(description="Write a chipsim model.pb from numpy arrays.")
    parser.add_argument("out", help="output file: .pb (binary) or .pbtxt (text format)")
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    model = build(args.samples, args.seed)
    if args.out.endswith((".pbtxt", ".textproto", ".txtpb")):
        from google.protobuf import text_format
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text_format.MessageToString(model))
    else:
        with open(args.out, "wb") as f:
            f.write(model.SerializeToString())
    print("wrote %s: %d populations, %d samples x %d ticks" % (args.out, len(model.network.populations),
                                                               args.samples, TICKS_PER_SAMPLE))


if __name__ == "__main__":
    main(sys.argv[1:])
