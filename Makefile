# The two commands of the README. Both install what is missing first.
.PHONY: run test build release deps bench bench-orders bench-tags bench-transfer bench-contacts bench-mail bench-messaging format

ADMIN_EMAIL ?= admin@example.com
ADMIN_PASSWORD ?= cartera-demo

deps:
	@scripts/install-deps.sh build

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

build: release
	@scripts/web-build.sh

run: build
	@echo ""
	@echo "  Cartera: http://127.0.0.1:8080/admin"
	@echo "  Sign in as $(ADMIN_EMAIL) with password $(ADMIN_PASSWORD)"
	@echo "  (first start only; override with make run ADMIN_EMAIL=… ADMIN_PASSWORD=…)"
	@echo "  Customer portal: http://127.0.0.1:8080/portal"
	@echo "  Sign in as compras@comercialelectrica.example with password cartera-demo"
	@echo ""
	@CARTERA_ADMIN_EMAIL="$(ADMIN_EMAIL)" CARTERA_ADMIN_PASSWORD="$(ADMIN_PASSWORD)" \
	  build/release/cartera serve --listen 127.0.0.1:8080 --db sqlite:data/cartera.db \
	  --web-root web/dist --demo

test:
	@scripts/install-deps.sh test
	@scripts/test.sh

bench:
	@scripts/install-deps.sh bench
	@bench/run.sh

bench-orders:
	@scripts/install-deps.sh bench
	@bench/orders.sh

bench-tags:
	@scripts/install-deps.sh bench
	@bench/tags.sh

bench-transfer:
	@scripts/install-deps.sh bench
	@bench/transfer.sh

bench-contacts:
	@scripts/install-deps.sh bench
	@bench/contacts.sh

# Needs the test packages too: python3-aiosmtpd runs the SMTP server it delivers to.
bench-mail:
	@scripts/install-deps.sh test
	@bench/mail.sh

# Needs the test packages too: the SMTP sink and the WhatsApp stand-in it delivers to.
bench-messaging:
	@scripts/install-deps.sh test
	@bench/messaging.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'bench/*.cpp')
