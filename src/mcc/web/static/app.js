// Marketing Command Center: the few behaviours htmx does not cover.
// - error toasts for failed htmx requests;
// - the dashboard's live feed (server-sent events -> reload the #live region through htmx);
// - the chat: streamed replies over fetch (EventSource cannot POST), Enter to send.
// Everything rendered from data goes through textContent or comes from the server already
// escaped and sanitised; this file never builds HTML from strings.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  var toastTimer;
  function toast(message) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 6000);
  }

  function errorMessage(status, text) {
    try {
      var body = JSON.parse(text);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (e) { /* not JSON */ }
    if (status === 401) return "Your session ended. Sign in again.";
    return "The request failed (" + status + "). Please try again.";
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    toast(errorMessage(xhr.status, xhr.responseText));
  });
  document.addEventListener("htmx:sendError", function () {
    toast("The server did not answer. Check your connection and try again.");
  });

  // ---- Live regions: reload through htmx when a campaign changes ----
  // A region remembers the URL of its latest request (filters, sort, page): a live refresh reloads
  // that, not the address bar, which catches up only when the response arrives. And a response
  // older than the region's latest request is dropped, so a slow refresh cannot undo a filter.
  var requests = 0;
  function isLive(element) { return element && element.dataset && element.dataset.liveUrl; }
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (!isLive(detail.target) || detail.verb !== "get") return;
    var query = new URLSearchParams(detail.formData).toString();
    var joiner = detail.path.indexOf("?") < 0 ? "?" : "&";
    detail.target.dataset.current = query ? detail.path + joiner + query : detail.path;
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isLive(event.detail.target)) {
      event.detail.xhr.mccRequest = event.detail.target.mccRequest = ++requests;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (isLive(target) && event.detail.xhr.mccRequest !== target.mccRequest) {
      event.detail.shouldSwap = false;
    }
  });

  // Two spellings of one address (a space as + or %20, a trailing "?") are the same place.
  function sameAddress(a, b) {
    function normal(path) {
      var u = new URL(path, location.href);
      return u.pathname + "?" + new URLSearchParams(u.search).toString();
    }
    return normal(a) === normal(b);
  }

  function startLive(region) {
    if (!window.EventSource || !window.htmx) return;
    var source = new EventSource(region.dataset.liveUrl);
    var readyCount = 0;
    var timer;
    var only = region.dataset.liveCampaign;
    function refresh() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var here = location.pathname + location.search;
        var url = region.dataset.liveRefresh || region.dataset.current || here;
        var options = { target: "#" + region.id, swap: "innerHTML" };
        // A refresh that overtakes a filter still in flight drops that filter's response, and with
        // it the address-bar update: the refresh carries the filter's URL, so it pushes it instead.
        if (!region.dataset.liveRefresh && sameAddress(url, here) === false) options.push = url;
        window.htmx.ajax("GET", url, options);
      }, 100);
    }
    source.addEventListener("ready", function () {
      if (readyCount++ > 0) refresh(); // reconnected: we may have missed changes
      document.body.dataset.live = "ready";
    });
    source.addEventListener("campaign", function (event) {
      if (only) {
        try {
          if (JSON.parse(event.data).campaignId !== only) return;
        } catch (e) { return; }
      }
      refresh();
    });
    source.onerror = function () { document.body.dataset.live = "reconnecting"; };
    window.addEventListener("pagehide", function () { source.close(); });
  }

  // ---- Chat ----
  function parseFrame(frame) {
    var event = "message";
    var data = [];
    frame.split(/\r?\n/).forEach(function (line) {
      if (line.indexOf("event:") === 0) event = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    return { event: event, data: data.join("\n") };
  }

  function tokenText(data) {
    try {
      var value = JSON.parse(data);
      if (typeof value === "string") return value;
      if (value && typeof value === "object") {
        return value.text || value.token || value.delta || value.content || "";
      }
    } catch (e) { /* plain text token */ }
    return data;
  }

  function startChat(chat) {
    var form = document.getElementById("composer");
    var input = document.getElementById("message");
    var messages = document.getElementById("messages");
    var sendButton = form.querySelector("button[type=submit]");
    var busy = false;

    function bubble(role) {
      var article = document.createElement("article");
      article.className = "message " + role;
      var body = document.createElement("div");
      body.className = "body";
      article.appendChild(body);
      var welcome = document.getElementById("welcome");
      if (welcome) welcome.remove();
      messages.appendChild(article);
      return article;
    }

    function typing(article) {
      var dots = document.createElement("span");
      dots.className = "typing";
      dots.setAttribute("role", "status");
      dots.setAttribute("aria-label", "The assistant is typing");
      for (var i = 0; i < 3; i++) dots.appendChild(document.createElement("span"));
      article.querySelector(".body").appendChild(dots);
    }

    function scrollDown() { window.scrollTo(0, document.body.scrollHeight); }

    function finish(article, done) {
      var id = done.conversationId;
      if (id && chat.dataset.conversationId !== id) {
        chat.dataset.conversationId = id;
        history.replaceState(null, "", "/chat/" + id);
        window.htmx.ajax("GET", "/chat/" + id + "/list", { target: "#conversation-list", swap: "innerHTML" });
      }
      if (!id || !done.messageId) return Promise.resolve();
      return fetch("/chat/" + id + "/messages/" + done.messageId, { headers: { "HX-Request": "true" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html; // server-rendered, escaped and sanitised
          var rendered = holder.firstElementChild;
          if (rendered) {
            article.replaceWith(rendered);
            window.htmx.process(rendered);
          }
        })
        .catch(function () {
          article.classList.remove("streaming");
          article.querySelector(".body").textContent = done.content || "";
        });
    }

    function send(text) {
      if (busy || !text.trim()) return;
      busy = true;
      sendButton.disabled = true;
      var mine = bubble("user");
      mine.querySelector(".body").textContent = text;
      var reply = bubble("assistant");
      reply.classList.add("streaming");
      reply.setAttribute("aria-busy", "true");
      typing(reply);
      scrollDown();
      var body = new URLSearchParams();
      body.set("message", text);
      if (chat.dataset.conversationId) body.set("conversation_id", chat.dataset.conversationId);
      var streamed = "";
      var done = null;
      fetch(chat.dataset.streamUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRF-Token": csrfToken(), "Accept": "text/event-stream" },
      }).then(function (response) {
        if (!response.ok || !response.body) {
          return response.text().then(function (text) {
            throw new Error(errorMessage(response.status, text));
          });
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function handle(frame) {
          var parsed = parseFrame(frame);
          if (parsed.event === "token") {
            streamed += tokenText(parsed.data);
            reply.querySelector(".body").textContent = streamed;
            scrollDown();
          } else if (parsed.event === "status" && !streamed) {
            // Why the reply is slow (a new server getting ready), under the typing dots.
            var note = reply.querySelector(".status-note") || document.createElement("p");
            note.className = "status-note";
            note.textContent = tokenText(parsed.data);
            reply.querySelector(".body").appendChild(note);
          } else if (parsed.event === "done") {
            done = JSON.parse(parsed.data);
          } else if (parsed.event === "error") {
            var problem = {};
            try { problem = JSON.parse(parsed.data); } catch (e) { /* not JSON */ }
            throw new Error(problem.message || "The assistant could not answer. Please try again.");
          }
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return;
            buffer += decoder.decode(chunk.value, { stream: true });
            var frames = buffer.split(/\r?\n\r?\n/);
            buffer = frames.pop();
            frames.forEach(function (frame) { if (frame.trim()) handle(frame); });
            return pump();
          });
        }
        return pump();
      }).then(function () {
        reply.removeAttribute("aria-busy");
        if (done) return finish(reply, done);
        throw new Error("The reply was cut off. Please send your message again.");
      }).catch(function (error) {
        reply.classList.remove("streaming");
        reply.classList.add("failed");
        reply.removeAttribute("aria-busy");
        reply.querySelector(".body").textContent = error.message;
      }).then(function () {
        busy = false;
        sendButton.disabled = false;
        input.focus();
        scrollDown();
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      input.value = "";
      send(text);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    messages.addEventListener("click", function (event) {
      var target = event.target.closest("[data-chat-send], [data-chat-edit]");
      if (!target) return;
      if (target.hasAttribute("data-chat-send")) {
        send(target.getAttribute("data-chat-send"));
      } else {
        input.value = target.getAttribute("data-chat-edit");
        input.focus();
      }
    });
    scrollDown();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live-url]").forEach(startLive);
    var chat = document.getElementById("chat");
    if (chat) startChat(chat);
  });
})();
