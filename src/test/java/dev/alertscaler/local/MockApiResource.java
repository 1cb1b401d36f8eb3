package dev.alertscaler.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the mock Kubernetes API for a Quarkus test, seeded with the sample app, and points the
 * service at it: through {@code quarkus.kubernetes-client.api-server-url} for {@code @QuarkusTest},
 * and through fabric8's {@code kubernetes.master} system property for the packaged jar of a
 * {@code @QuarkusIntegrationTest} (the client's Quarkus settings are fixed at build time). Each
 * {@code @QuarkusTest} start therefore logs Quarkus's "Build time property cannot be changed at
 * runtime" warning for {@code api-server-url}; the value is used all the same — without it the
 * tests reach no API.
 */
public class MockApiResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the {@link MockApi} field a test wants injected. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectMockApi {
    }

    private MockApi api;

    @Override
    public Map<String, String> start() {
        api = MockApi.start(0).seed(Path.of("deploy/sample-app/app.yaml"));
        prepare(api);
        return Map.of(
                "quarkus.kubernetes-client.api-server-url", api.url(),
                "kubernetes.master", api.url(),
                "kubernetes.auth.tryKubeConfig", "false",
                "kubernetes.auth.tryServiceAccount", "false",
                "kubernetes.namespace", "default");
    }

    /** For a subclass: expectations (faults) the API must have before the application starts. */
    protected void prepare(MockApi api) {
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(api, new TestInjector.AnnotatedAndMatchesType(InjectMockApi.class, MockApi.class));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
