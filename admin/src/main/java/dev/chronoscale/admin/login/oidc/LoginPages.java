package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.LoginPage;
import dev.chronoscale.gateway.http.HttpReply;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The HTML a person's browser is shown at the end of a login: the page's heading and sentence, escaped. */
final class LoginPages {

    private LoginPages() {
    }

    static HttpReply render(LoginPage page) {
        if (page.redirect().isPresent()) {
            return HttpReply.redirect(page.redirect().get().location(), List.of(page.redirect().get().cookie()));
        }
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chronoscale: "
                + escape(page.title()) + "</title></head><body><h1>" + escape(page.title()) + "</h1><p>"
                + escape(page.message()) + "</p></body></html>\n";
        return new HttpReply.Whole(HttpResponseStatus.valueOf(page.status()), "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8));
    }

    static LoginPage refused(LoginRefusal refusal) {
        return new LoginPage(refusal.status(), refusal.status() == 503 || refusal.status() == 504
                ? "Identity provider unavailable" : "Login refused", refusal.getMessage());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
