"""A real search engine (OpenSearch or Elasticsearch) for development and CI; see launcher."""
