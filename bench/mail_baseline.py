#!/usr/bin/python3
"""Helpers of bench/mail.sh.

  mail_baseline.py rate DIR COUNT
      Waits until DIR (an smtp-sink.py folder) holds COUNT messages, then prints the delivery
      rate from the first to the last message received (their files' modification times):
      "<messages/s> <seconds>".
  mail_baseline.py send EML_DIR HOST PORT [BATCH]
      The baseline: sends every .eml of EML_DIR (the messages the server sent in the same run)
      straight to the SMTP server with Python's smtplib, BATCH (100) messages per connection
      like the server's sender, from the envelope in the message's From/To headers.
"""
import email
import email.policy
import glob
import json
import os
import smtplib
import sys
import time


def rate(folder, count, timeout=600):
    deadline = time.time() + timeout
    while True:
        with open(os.path.join(folder, "stats.json")) as f:
            received = json.load(f)["messages"]
        if received >= count:
            break
        if time.time() > deadline:
            sys.exit(f"only {received} of {count} messages arrived within {timeout} s")
        time.sleep(0.2)
    times = sorted(os.stat(path).st_mtime_ns for path in glob.glob(os.path.join(folder, "*.eml")))
    seconds = (times[-1] - times[0]) / 1e9
    print(f"{(len(times) - 1) / seconds:.1f} {seconds:.3f}")


def send(folder, host, port, batch):
    paths = sorted(glob.glob(os.path.join(folder, "*.eml")))
    messages = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        headers = email.message_from_bytes(data, policy=email.policy.default)
        messages.append((headers["From"].addresses[0].addr_spec,
                         headers["To"].addresses[0].addr_spec, data))
    for start in range(0, len(messages), batch):
        with smtplib.SMTP(host, port) as client:
            for sender, recipient, data in messages[start:start + batch]:
                client.sendmail(sender, [recipient], data)


if __name__ == "__main__":
    if sys.argv[1] == "rate":
        rate(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "send":
        send(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) > 5 else 100)
    else:
        sys.exit(__doc__)
