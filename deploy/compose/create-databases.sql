-- One database per subgraph, as separate agencies would keep them (each subgraph migrates its own on start).
CREATE DATABASE registry;
CREATE DATABASE statistics;
CREATE DATABASE marketplace;
CREATE DATABASE traceability;
-- The gateway's API keys (`npx nongsan keys create` with ACCESS_DATABASE_URL set to it).
CREATE DATABASE access;
