package dev.warden.testapp.webflux;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import reactor.core.publisher.Mono;

/**
 * Boot's reactive error handler, set up as Boot sets it up, except that a JSON error response also carries the
 * headers its exception names: a 405 says which methods the path takes ({@code Allow}), as Spring MVC and the other
 * test apps say. Boot's own handler renders the status and body only. Being an {@code ErrorWebExceptionHandler} bean,
 * it replaces Boot's.
 */
@Component
@Order(-1)   // Boot's order for its handler: before WebFlux's own ResponseStatusException handler (0)
public class ErrorResponseHandler extends DefaultErrorWebExceptionHandler {

    public ErrorResponseHandler(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ViewResolver> viewResolvers, ServerCodecConfigurer codecs, ApplicationContext context) {
        super(errorAttributes, webProperties.getResources(), webProperties.getError(), context);
        setViewResolvers(viewResolvers.orderedStream().toList());
        setMessageWriters(codecs.getWriters());
        setMessageReaders(codecs.getReaders());
    }

    @Override
    protected Mono<ServerResponse> renderErrorResponse(ServerRequest request) {
        Map<String, Object> body = getErrorAttributes(request, getErrorAttributeOptions(request, MediaType.ALL));
        return ServerResponse.status(getHttpStatus(body))
                .headers(headers -> {
                    if (getError(request) instanceof ErrorResponse error) {
                        headers.addAll(error.getHeaders());
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromValue(body));
    }
}
