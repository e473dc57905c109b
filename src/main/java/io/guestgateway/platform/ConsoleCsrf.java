package io.guestgateway.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection that a single-page console can take part in. Hawtio runs in the browser, reads
 * the {@code XSRF-TOKEN} cookie and echoes it in the {@code X-XSRF-TOKEN} header of its Jolokia
 * POSTs; the login form keeps Spring Security's masked token in a hidden field. A page on another
 * site can send the session cookie but cannot read ours, so it cannot forge that header.
 */
final class ConsoleCsrf {

    private ConsoleCsrf() {
    }

    /** JavaScript on our own pages must read the token, so the cookie is not HttpOnly. */
    static CookieCsrfTokenRepository cookieRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    static CsrfTokenRequestHandler requestHandler() {
        return new HeaderOrMaskedTokenHandler();
    }

    /**
     * Tokens are created lazily; the first console page after the login must already carry the
     * cookie, so every logged-in request touches the token. Anonymous callers (probes, the
     * Prometheus scrape) get no cookie; the login form renders its own token.
     */
    static Filter cookieFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                boolean loggedIn = user != null && user.isAuthenticated()
                        && !(user instanceof AnonymousAuthenticationToken);
                if (loggedIn && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
                    csrf.getToken();
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * A header carries the raw cookie value (Hawtio); a form field carries the BREACH-masked value
     * rendered into the login page. Both are checked against the same token.
     */
    private static final class HeaderOrMaskedTokenHandler extends CsrfTokenRequestAttributeHandler {

        private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            masked.handle(request, response, token);
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            if (StringUtils.hasText(request.getHeader(token.getHeaderName()))) {
                return super.resolveCsrfTokenValue(request, token);
            }
            return masked.resolveCsrfTokenValue(request, token);
        }
    }
}
