package io.switchboard.ari.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.rest.AriOperation;
import io.switchboard.ari.rest.AriRequest;
import io.switchboard.ari.rest.AriTransport;
import io.switchboard.ari.rest.UriEncoding;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the client to the ARI spec: every operation (with its path, query and body parameters), every model
 * with every property, and every event type must be present under the spec's names.
 */
class AriConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "io.switchboard.ari.";
    private static final AriTransport NO_TRANSPORT = new AriTransport() {
        @Override
        public <T> java.util.concurrent.CompletionStage<T> execute(AriRequest request,
                io.switchboard.ari.rest.ResponseType<T> responseType) {
            throw new AssertionError("conformance test never sends");
        }

        @Override
        public org.apache.pekko.stream.javadsl.Source<io.switchboard.ari.events.EventStreamItem,
                org.apache.pekko.NotUsed> events(AriRequest request) {
            throw new AssertionError("conformance test never connects");
        }
    };

    private final List<String> problems = new ArrayList<>();

    @Test
    void clientCoversTheWholeSpec() throws IOException {
        Map<String, JsonNode> models = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        int operations = 0;
        int operationsOk = 0;
        try (Stream<Path> files = Files.list(RepositoryFiles.spec())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode doc = JSON.readTree(file.toFile());
                String resource = file.getFileName().toString().replace(".json", "");
                for (JsonNode api : doc.path("apis")) {
                    for (JsonNode op : api.path("operations")) {
                        operations++;
                        if (checkOperation(resource, api.path("path").asText(), op)) {
                            operationsOk++;
                        }
                    }
                }
                doc.path("models").fields().forEachRemaining(e -> {
                    models.put(e.getKey(), e.getValue());
                    e.getValue().path("subTypes").forEach(sub -> parents.put(sub.asText(), e.getKey()));
                });
            }
        }
        int modelsOk = 0;
        for (Map.Entry<String, JsonNode> model : models.entrySet()) {
            if (checkModel(model.getKey(), models, parents)) {
                modelsOk++;
            }
        }
        List<String> eventTypes = models.keySet().stream()
                .filter(name -> isA(name, "Event", parents) && !models.get(name).has("subTypes")).sorted().toList();
        int eventsOk = 0;
        for (String type : eventTypes) {
            if (checkEventType(type)) {
                eventsOk++;
            }
        }
        System.out.printf("ARI coverage: %d/%d operations, %d/%d models, %d/%d event types%n",
                operationsOk, operations, modelsOk, models.size(), eventsOk, eventTypes.size());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(operations, operationsOk);
        assertEquals(models.size(), modelsOk);
        assertEquals(eventTypes.size(), eventsOk);
        assertTrue(eventTypes.size() >= 45, "the spec has at least 45 event types");
    }

    private boolean checkOperation(String resource, String path, JsonNode op) {
        String nickname = op.path("nickname").asText();
        String where = resource + "." + nickname + " (" + op.path("httpMethod").asText() + " " + path + ")";
        Class<?> api;
        try {
            api = Class.forName(BASE + "rest." + pascal(resource) + "Api");
        } catch (ClassNotFoundException e) {
            return problem(where + ": no class " + pascal(resource) + "Api");
        }
        List<JsonNode> required = new ArrayList<>();
        List<JsonNode> optional = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            (p.path("required").asBoolean() || "path".equals(p.path("paramType").asText()) ? required : optional)
                    .add(p);
        }
        Method method = Arrays.stream(api.getMethods())
                .filter(m -> m.getName().equals(camel(nickname)) && m.getParameterCount() == required.size())
                .findFirst().orElse(null);
        if (method == null) {
            return problem(where + ": no method " + camel(nickname) + " taking " + required.size() + " parameters");
        }
        Map<String, String> expectedQuery = new HashMap<>();
        Set<String> expectedBody = new HashSet<>();
        Map<String, String> pathValues = new HashMap<>();
        Object[] args = new Object[required.size()];
        for (int i = 0; i < required.size(); i++) {
            JsonNode p = required.get(i);
            String name = p.path("name").asText();
            if (!method.getParameters()[i].getName().equals(camel(name))) {
                problem(where + ": parameter " + i + " is " + method.getParameters()[i].getName() + ", spec says "
                        + name);
            }
            args[i] = argument(method.getParameterTypes()[i], "v-" + name + "/x");
            expect(p, sent(args[i]), pathValues, expectedQuery, expectedBody);
        }
        AriOperation<?> request;
        try {
            request = (AriOperation<?>) method.invoke(api.getConstructor(AriTransport.class).newInstance(NO_TRANSPORT),
                    args);
            for (JsonNode p : optional) {
                String name = p.path("name").asText();
                Method setter = Arrays.stream(request.getClass().getMethods())
                        .filter(m -> m.getName().equals(camel(name)) && m.getParameterCount() == 1).findFirst()
                        .orElse(null);
                if (setter == null) {
                    problem(where + ": no setter for optional parameter " + name);
                    continue;
                }
                String value = "7";
                setter.invoke(request, argument(setter.getParameterTypes()[0], value));
                expect(p, value, pathValues, expectedQuery, expectedBody);
            }
        } catch (ReflectiveOperationException e) {
            return problem(where + ": cannot build the request: " + e);
        }
        AriRequest built = request.toRequest();
        int before = problems.size();
        if (!built.method().equals(op.path("httpMethod").asText())) {
            problem(where + ": method " + built.method());
        }
        String expectedPath = path;
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            expectedPath = expectedPath.replace("{" + e.getKey() + "}", UriEncoding.component(e.getValue()));
        }
        if (!built.path().equals(expectedPath)) {
            problem(where + ": path " + built.path() + ", expected " + expectedPath);
        }
        for (Map.Entry<String, String> e : expectedQuery.entrySet()) {
            if (!built.queryParam(e.getKey()).map(e.getValue()::equals).orElse(false)) {
                problem(where + ": query parameter " + e.getKey() + " missing or misnamed in " + built.uri());
            }
        }
        if (built.query().size() != expectedQuery.size()) {
            problem(where + ": unexpected query parameters in " + built.uri());
        }
        if (!expectedBody.isEmpty()) {
            JsonNode body = built.bodyText().map(this::parse).orElse(null);
            for (String field : expectedBody) {
                if (body == null || (!field.isEmpty() && !body.has(field))) {
                    problem(where + ": body parameter " + field + " missing from " + body);
                }
            }
        }
        return problems.size() == before;
    }

    private static void expect(JsonNode p, String value, Map<String, String> pathValues,
                               Map<String, String> query, Set<String> body) {
        String name = p.path("name").asText();
        switch (p.path("paramType").asText()) {
            case "path" -> pathValues.put(name, value);
            case "query" -> query.put(name, "boolean".equals(p.path("dataType").asText()) ? "true" : value);
            case "body" -> body.add("object".equals(p.path("dataType").asText()) ? "" : name);
            default -> throw new AssertionError("unknown paramType " + p);
        }
    }

    private static String sent(Object argument) {
        if (argument instanceof String[] values) {
            return String.join(",", values);
        }
        return argument instanceof List<?> values ? values.get(0).toString() : argument.toString();
    }

    private static Object argument(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        }
        if (type == String[].class) {
            return new String[]{value};
        }
        if (type == List.class) {
            return List.of(value);
        }
        if (type == Integer.class) {
            return Integer.valueOf(7);
        }
        if (type == Long.class) {
            return Long.valueOf(7);
        }
        if (type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == Map.class) {
            return Map.of("k", "v");
        }
        throw new AssertionError("no sample value for " + type);
    }

    private boolean checkModel(String name, Map<String, JsonNode> models, Map<String, String> parents) {
        Map<String, JsonNode> properties = new HashMap<>();
        for (String ancestor = name; ancestor != null; ancestor = parents.get(ancestor)) {
            models.get(ancestor).path("properties").fields()
                    .forEachRemaining(e -> properties.putIfAbsent(e.getKey(), e.getValue()));
        }
        if (name.equals("Message") || name.equals("Event")) {
            Class<?> base = name.equals("Message") ? AriMessage.class : AriEvent.class;
            int before = problems.size();
            for (String property : properties.keySet()) {
                if (Arrays.stream(base.getMethods()).noneMatch(m -> m.getName().equals(camel(property)))) {
                    problem(base.getSimpleName() + " lacks " + property);
                }
            }
            return problems.size() == before;
        }
        boolean message = isA(name, "Message", parents);
        Class<?> type;
        try {
            type = Class.forName(BASE + (message ? "events." : "model.") + name);
        } catch (ClassNotFoundException e) {
            return problem("model " + name + " has no class");
        }
        if (!type.isRecord()) {
            return problem("model " + name + " is not a record");
        }
        Map<String, RecordComponent> byJsonName = new HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty json = c.getAccessor().getAnnotation(JsonProperty.class);
            JsonProperty onField = json != null ? json : fieldAnnotation(type, c.getName());
            byJsonName.put(onField != null ? onField.value() : c.getName(), c);
        }
        int before = problems.size();
        for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
            if (message && property.getKey().equals("type")) {
                continue;
            }
            RecordComponent component = byJsonName.get(property.getKey());
            if (component == null) {
                problem("model " + name + " lacks property " + property.getKey());
            } else if (!typeMatches(property.getValue().path("type").asText(), component.getGenericType())) {
                problem("model " + name + "." + property.getKey() + " is " + component.getGenericType()
                        + ", spec says " + property.getValue().path("type").asText());
            }
        }
        if (byJsonName.size() != properties.size() - (message ? 1 : 0)) {
            problem("model " + name + " has properties the spec does not: " + byJsonName.keySet());
        }
        return problems.size() == before;
    }

    private static JsonProperty fieldAnnotation(Class<?> type, String field) {
        try {
            return type.getDeclaredField(field).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean typeMatches(String specType, Type javaType) {
        if (specType.startsWith("List[")) {
            return javaType instanceof ParameterizedType p && p.getRawType() == List.class
                    && typeMatches(specType.substring(5, specType.length() - 1), p.getActualTypeArguments()[0]);
        }
        String simple = javaType instanceof Class<?> c ? c.getSimpleName() : javaType.getTypeName();
        return switch (specType) {
            case "string", "Date" -> simple.equals("String");
            case "int" -> simple.equals("Integer");
            case "long" -> simple.equals("Long");
            case "double" -> simple.equals("Double");
            case "boolean" -> simple.equals("Boolean");
            case "object" -> simple.equals("JsonNode");
            default -> simple.equals(specType);
        };
    }

    private boolean checkEventType(String type) {
        JsonSubTypes subTypes = AriMessage.class.getAnnotation(JsonSubTypes.class);
        boolean registered = Arrays.stream(subTypes.value())
                .anyMatch(t -> t.name().equals(type) && t.value().getSimpleName().equals(type));
        if (!registered) {
            return problem("event type " + type + " is not registered in AriMessage");
        }
        AriMessage decoded = AriJson.decodeMessage("{\"type\":\"" + type + "\",\"application\":\"a\"}");
        if (!decoded.getClass().getSimpleName().equals(type) || !decoded.type().equals(type)
                || !AriEvent.TYPES.contains(type)) {
            return problem("event type " + type + " decodes to " + decoded.getClass().getSimpleName());
        }
        return true;
    }

    private JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isA(String name, String ancestor, Map<String, String> parents) {
        for (String n = name; n != null; n = parents.get(n)) {
            if (n.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private boolean problem(String text) {
        problems.add(text);
        return false;
    }

    static String camel(String name) {
        String[] parts = name.split("[_\\-]");
        StringBuilder out = new StringBuilder(parts[0].substring(0, 1).toLowerCase() + parts[0].substring(1));
        for (int i = 1; i < parts.length; i++) {
            out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return out.toString();
    }

    static String pascal(String name) {
        String c = camel(name);
        return Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }
}
