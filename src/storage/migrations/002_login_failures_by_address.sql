-- Failed sign-ins are also limited per client address.
CREATE INDEX login_failures_ip_at ON login_failures (ip, at);
