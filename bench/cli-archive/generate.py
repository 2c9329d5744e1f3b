#!/usr/bin/env python3
"""Writes the benchmark's build context: about 20,000 files and 300 MB.

  node_modules/  10,000 small text files (60 MB) that .dockerignore excludes
  src/            8,000 text files (120 MB) that compress like source code
  assets/         2,000 random files (110 MB) and one 10 MB random file, which do not compress

Deterministic: the same seed gives the same bytes, so runs compare.
"""
import os
import random
import sys

root = sys.argv[1]
rng = random.Random(20261122)

words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(rng.randint(2, 10)))
         for _ in range(5000)]
lines = []
size = 0
while size < 4_000_000:
    line = "    " * rng.randint(0, 3) + " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + ";\n"
    lines.append(line)
    size += len(line)
corpus = "".join(lines).encode()


def text(n):
    offset = rng.randrange(0, len(corpus) - n)
    return corpus[offset:offset + n]


def write(path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


for package in range(500):
    for i in range(20):
        write(f"node_modules/pkg{package:03d}/lib/file{i:02d}.js", text(6000))
for i in range(8000):
    write(f"src/mod{i % 40:02d}/sub{i % 7}/file{i:04d}.js", text(rng.randint(2000, 28000)))
for i in range(2000):
    write(f"assets/set{i % 25:02d}/blob{i:04d}.bin", os.urandom(rng.randint(10000, 100000)))
write("assets/video.bin", os.urandom(10_000_000))
write("Dockerfile", b"FROM node:22-bookworm-slim\nCOPY . /app\nCMD [\"node\", \"src/mod00/sub0/file0000.js\"]\n")
write(".dockerignore", b"node_modules\n")
