package io.github.selectcolor.essink.bulk;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers bulk requests as the test says, in the caller's thread, and keeps the requests. */
final class FakeTransport implements ElasticsearchTransport {

  private final Function<BulkRequest, CompletableFuture<BulkResponse>> answers;
  private final List<BulkRequest> requests = new CopyOnWriteArrayList<>();

  FakeTransport(Function<BulkRequest, CompletableFuture<BulkResponse>> answers) {
    this.answers = answers;
  }

  List<BulkRequest> requests() {
    return requests;
  }

  @Override
  public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
      Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
    throw new UnsupportedOperationException("The bulk writer only sends asynchronously.");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(
      RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint,
      TransportOptions options) {
    BulkRequest bulk = (BulkRequest) request;
    requests.add(bulk);
    return (CompletableFuture<ResponseT>) answers.apply(bulk);
  }

  @Override
  public JsonpMapper jsonpMapper() {
    return new JacksonJsonpMapper();
  }

  @Override
  public TransportOptions options() {
    return null;
  }

  @Override
  public void close() {
  }
}
