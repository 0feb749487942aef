# Varnish in front of a Wagtail site with the Digitalisierungsradar (Varnish 6/7, VCL 4.1).
#
# What it caches: only responses the application marks "Cache-Control: public" (radar page,
# measure pages, export.json, export.csv, feed.atom for anonymous visitors), for their s-maxage.
# What it never caches: anything else, requests of logged-in people (a "sessionid" cookie or an
# Authorization header), the admin, every POST, and the plugin's per-visitor endpoints under
# .../digiradar/ (form tokens, "your vote", the comment form page), which keep their cookies.
#
# Purging: Wagtail's frontend cache (wagtail.contrib.frontend_cache, HTTPBackend) sends
# "PURGE <url>" with the site's Host. This VCL bans every cached object of that host whose path
# equals the URL's path, whatever its query string: a purge of a radar page also removes its
# filtered variants (?ring=...). Only the addresses in the "purgers" ACL may purge.
#
# The backend address below is the one "make prod-demo" uses; a city sets its own. No health probe:
# with one backend there is nothing to fail over to, and a probe waits in the same queue as the
# visitors (under load it marked gunicorn sick and Varnish answered 503 to 2,770 of 3,000 reads),
# and it would need the site's Host and X-Forwarded-Proto to get a 200 from production settings.
# With several application hosts, put them in a director and give each a probe on a cheap URL.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!(client.ip ~ purgers)) {
            return (synth(405, "Purging not allowed from this address"));
        }
        if (!req.http.host) {
            return (synth(400, "PURGE needs a Host header"));
        }
        ban("obj.http.x-digiradar-host == " + req.http.host +
            " && obj.http.x-digiradar-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Logged-in people (editors, moderators, citizens with an account): never from the cache.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # The admin and the plugin's per-visitor endpoints keep their cookies and are not cached.
    if (req.url ~ "^/(admin|django-admin)/" || req.url ~ "^(/[A-Za-z_-]+)?/digiradar/") {
        return (pass);
    }
    # Everything else is the same for every anonymous visitor: cookies play no part in it.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # What the ban above compares (kept on the object, removed before delivery).
    set beresp.http.x-digiradar-host = bereq.http.host;
    set beresp.http.x-digiradar-path = regsub(bereq.url, "\?.*$", "");
    # Text goes out compressed (a radar of 1,000 measures: about 400 KB of HTML, 40 KB as gzip);
    # Varnish keeps one gzipped copy and unpacks it for a client that does not accept gzip.
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|atom\+xml|javascript))"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        # Only what the application explicitly marks public is shared between visitors.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Serve a stale copy for a while if the application does not answer (not after a purge).
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-digiradar-host;
    unset resp.http.x-digiradar-path;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
