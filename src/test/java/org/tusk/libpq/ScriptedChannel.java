package org.tusk.libpq;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An AuthChannel for tests: records every request and answers each with a function of it.
 * A null answer means the client hung up.
 */
final class ScriptedChannel implements AuthChannel {
    record Request(int code, byte[] payload) {}

    final List<Request> sent = new ArrayList<>();
    private final Function<Request, byte[]> client;

    ScriptedChannel(Function<Request, byte[]> client) {
        this.client = client;
    }

    @Override
    public void sendAuthenticationRequest(int code, byte[] payload) {
        sent.add(new Request(code, payload.clone()));
    }

    @Override
    public byte[] readPasswordPacket() {
        return client.apply(sent.getLast());
    }

    List<Integer> codes() {
        return sent.stream().map(Request::code).toList();
    }
}
