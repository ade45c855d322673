"""The national payment platform of the national public-service portal (nền tảng thanh toán
trực tuyến của Cổng Dịch vụ công quốc gia) as a gateway plugin, and its demo twin served by this
project (docs/integrations.md, *National payment platform*)."""
