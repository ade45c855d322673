"""The demo gateway: a bank page served by this project that speaks the signed redirect and
server-to-server notification protocol of Vietnamese gateways, offline (docs/payments.md)."""
