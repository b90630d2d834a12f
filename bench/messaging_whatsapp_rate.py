#!/usr/bin/python3
"""Helpers of bench/messaging.sh (Python stdlib only; one HTTP/1.1 keep-alive connection each).

  messaging_whatsapp_rate.py setup URL TOKEN TARGETS PDF OUT CUSTOMERS
      Prepares TARGETS customers spread over the id range 1..CUSTOMERS of the database:
      country ES (and an email when missing), 2 contacts each (first_name, email, a Spanish
      mobile "6xx xx xx xx"), the PDF uploaded once per customer as a message attachment; an
      email template and a WhatsApp template. Writes OUT/targets.json and the request lines of
      the wrk scripts: OUT/send.lines (a composed email to the main email and both contacts,
      with the attachment) and OUT/render.lines (the email template rendered for a contact).
  messaging_whatsapp_rate.py queue URL TOKEN OUT CHANNEL COUNT
      Queues COUNT messages through POST /api/v1/customers/{id}/messages, round the targets:
      email: one recipient each (main email, contact 1, contact 2 in turn) with the attachment;
      whatsapp: the WhatsApp template to both contacts of a customer (2 messages a request).
  messaging_whatsapp_rate.py rate DIR COUNT [TIMEOUT]
      Waits until DIR/requests.jsonl (scripts/whatsapp-standin.py) holds COUNT answered
      message requests (200), then prints the rate from the first to the last one's `time`,
      as bench/mail_baseline.py computes it for mail: "<messages/s> <seconds>".
  messaging_whatsapp_rate.py ceiling PORT TOKEN PHONE_ID COUNT BODY_FILE keepalive|close
      The stand-in's own ceiling: COUNT POSTs of BODY_FILE (a request Cartera sent in the same
      run) to /v21.0/PHONE_ID/messages in a tight loop, over one keep-alive connection or a new
      connection each. The rate is then read with `rate`.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse


class Api:
    def __init__(self, url, token):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.token = token
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def call(self, method, path, body=None, content_type="application/json", expect=(200,)):
        headers = {"Authorization": "Bearer " + self.token}
        if body is not None:
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
            headers["Content-Type"] = content_type
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        if response.status not in expect:
            sys.exit(f"{method} {path}: {response.status} {data[:500]!r}")
        return json.loads(data) if data else None


def setup(url, token, count, pdf, out, customers):
    api = Api(url, token)
    with open(pdf, "rb") as f:
        pdf_bytes = f.read()
    targets = []
    for k in range(count):
        customer_id = 1 + (k * (customers // count) + 12_345) % customers
        customer = api.call("GET", f"/api/v1/customers/{customer_id}")
        patch = {"country": "ES"}
        email = customer.get("email")
        if not email:
            email = f"bench-msg-{customer_id}@cliente.example"
            patch["email"] = email
        api.call("PATCH", f"/api/v1/customers/{customer_id}", patch)
        contacts = []
        for n in (1, 2):
            digits = (customer_id * 7 + n * 13) % 100_000_000
            phone = "6%02d %02d %02d %02d" % (digits // 1_000_000 % 100, digits // 10_000 % 100,
                                              digits // 100 % 100, digits % 100)
            contact = api.call("POST", f"/api/v1/customers/{customer_id}/contacts",
                               {"first_name": ["Ana", "Luis"][n - 1], "last_name": f"Banco{n}",
                                "email": f"bench-msg-{customer_id}-{n}@cliente.example",
                                "phone": phone, "country": "ES"}, expect=(201,))
            contacts.append(contact["id"])
        boundary = "----cartera-bench-boundary"
        multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                     f"filename=\"tarifa-2027.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                     ).encode() + pdf_bytes + f"\r\n--{boundary}--\r\n".encode()
        attachment = api.call("POST", f"/api/v1/customers/{customer_id}/message-attachments",
                              multipart, f"multipart/form-data; boundary={boundary}",
                              expect=(201,))
        targets.append({"customer_id": str(customer_id), "email": email, "contacts": contacts,
                        "attachment_id": attachment["id"], "attachment_size": attachment["size"]})
    email_template = api.call("POST", "/api/v1/message-templates", {
        "name": "Bench tarifa", "channel": "email", "language": "es",
        "subject": "Tarifa 2027 para {{customer.name}}",
        "body": "<p>Hola {{contact.first_name}},</p><p>Adjuntamos la tarifa 2027 de "
                "{{store.name}} para <b>{{customer.name}}</b> ({{customer.tax_id}}).</p>"
                "<ul><li>Saldo: {{customer.balance}}</li><li>Vencido: "
                "{{customer.overdue_balance}}</li></ul><p>Un saludo,<br>{{staff.name}}</p>"},
        expect=(201,))
    whatsapp_template = api.call("POST", "/api/v1/message-templates", {
        "name": "Bench pedido listo", "channel": "whatsapp", "language": "es",
        "body": "Hola {{contact.first_name}}, el pedido de {{customer.name}} está listo.",
        "provider_template_name": "pedido_listo"}, expect=(201,))
    state = {"targets": targets, "email_template_id": email_template["id"],
             "whatsapp_template_id": whatsapp_template["id"]}
    with open(os.path.join(out, "targets.json"), "w") as f:
        json.dump(state, f, indent=1)
    body_html = ("<p>Hola {{contact.first_name}},</p><p>Le enviamos la tarifa 2027 preparada "
                 "para <strong>{{customer.name}}</strong>. Cualquier duda, respóndanos a este "
                 "correo.</p><p>Un saludo.</p>")
    with open(os.path.join(out, "send.lines"), "w") as f:
        for t in targets:
            body = {"channel": "email",
                    "to": [{"email": t["email"]}, {"contact_id": t["contacts"][0]},
                           {"contact_id": t["contacts"][1]}],
                    "subject": "Tarifa 2027 para {{customer.name}}", "body_html": body_html,
                    "attachment_ids": [t["attachment_id"]]}
            f.write(f"/api/v1/customers/{t['customer_id']}/messages\t"
                    f"{json.dumps(body, ensure_ascii=False)}\n")
    with open(os.path.join(out, "render.lines"), "w") as f:
        for t in targets:
            for contact in t["contacts"]:
                f.write(f"/api/v1/message-templates/{email_template['id']}/render\t"
                        + json.dumps({"customer_id": t["customer_id"], "contact_id": contact})
                        + "\n")
    print(f"{len(targets)} customers, {2 * len(targets)} contacts, attachment "
          f"{targets[0]['attachment_size']} bytes, templates {email_template['id']} "
          f"(email) and {whatsapp_template['id']} (whatsapp)")


def queue(url, token, out, channel, count):
    api = Api(url, token)
    with open(os.path.join(out, "targets.json")) as f:
        state = json.load(f)
    targets = state["targets"]
    queued = i = 0
    body_html = "<p>Hola {{contact.first_name}},</p><p>La tarifa de {{customer.name}}.</p>"
    started = time.time()
    while queued < count:
        t = targets[i % len(targets)]
        if channel == "email":
            which = (i // len(targets)) % 3
            to = [{"email": t["email"]} if which == 0 else {"contact_id": t["contacts"][which - 1]}]
            body = {"channel": "email", "to": to, "subject": "Tarifa para {{customer.name}}",
                    "body_html": body_html, "attachment_ids": [t["attachment_id"]]}
        else:
            to = [{"contact_id": c} for c in t["contacts"]][:count - queued]
            body = {"channel": "whatsapp", "to": to, "template_id": state["whatsapp_template_id"]}
        batch = api.call("POST", f"/api/v1/customers/{t['customer_id']}/messages", body,
                         expect=(202,))
        queued += len(batch["messages"])
        i += 1
    print(f"{queued} {channel} messages queued in {i} requests, {time.time() - started:.1f} s",
          file=sys.stderr)


def answered(folder):
    times = []
    try:
        with open(os.path.join(folder, "requests.jsonl"), encoding="utf-8") as f:
            for line in f:
                if not line.endswith("\n"):
                    break  # being written
                entry = json.loads(line)
                if entry.get("phone_number_id") is not None and entry.get("status") == 200:
                    times.append(entry["time"])
    except FileNotFoundError:
        pass
    return times


def rate(folder, count, timeout):
    deadline = time.time() + timeout
    while True:
        times = answered(folder)
        if len(times) >= count:
            break
        if time.time() > deadline:
            sys.exit(f"only {len(times)} of {count} WhatsApp requests arrived within {timeout} s")
        time.sleep(0.2)
    times.sort()
    seconds = times[-1] - times[0]
    print(f"{(len(times) - 1) / seconds:.1f} {seconds:.3f}")


def ceiling(port, token, phone_id, count, body_file, mode):
    with open(body_file, "rb") as f:
        body = f.read()
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    path = f"/v21.0/{phone_id}/messages"
    connection = None
    for _ in range(count):
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        if mode == "close":
            headers["Connection"] = "close"
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"stand-in answered {response.status}")
        if mode == "close":
            connection.close()
            connection = None
    if connection is not None:
        connection.close()


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "setup":
        setup(args[0], args[1], int(args[2]), args[3], args[4], int(args[5]))
    elif command == "queue":
        queue(args[0], args[1], args[2], args[3], int(args[4]))
    elif command == "rate":
        rate(args[0], int(args[1]), float(args[2]) if len(args) > 2 else 600)
    elif command == "ceiling":
        ceiling(int(args[0]), args[1], args[2], int(args[3]), args[4], args[5])
    else:
        sys.exit(__doc__)
