/* Comments: reply inline and post without reloading the page.
 * Everything here improves on plain links and form posts that work without it.
 * Server HTML is inserted only from our own endpoint's JSON (built and
 * sanitised on the server); commenters' names are set with textContent. */
(function () {
  "use strict";

  var section = document.querySelector("[data-comments]");
  if (!section || !window.fetch || !window.FormData) return;

  // A long thread is shown in pages: a link to a comment on another page (from an
  // e-mail, the report page, the admin) asks the comment's permalink for its page.
  var pages = section.querySelector("[data-comment-pages]");
  var linked = window.location.hash.match(/^#kommentar-(\d+)$/);
  if (pages && linked && !document.getElementById("kommentar-" + linked[1])) {
    var tried = "comments-permalink-" + linked[1];
    var storage = null;
    try { storage = window.sessionStorage; } catch (error) { storage = null; }
    // Once per comment: a comment that is gone must not send the reader round in a loop.
    if (storage && !storage.getItem(tried)) {
      storage.setItem(tried, "1");
      window.location.replace(pages.getAttribute("data-permalink").replace(/0\/$/, linked[1] + "/"));
      return;
    }
  }

  var home = null; // where the form lives when it is not answering a comment

  function wrap() { return section.querySelector("[data-comment-form-wrap]"); }
  function form() { return section.querySelector("[data-comment-form]"); }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function announce(message, isError) {
    var status = section.querySelector("[data-form-status]");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("comment-form__status--error", !!isError);
  }

  function rememberHome() {
    var w = wrap();
    if (w && !home) {
      home = document.createElement("div");
      home.setAttribute("data-comment-form-home", "");
      w.parentNode.insertBefore(home, w);
    }
  }

  function setReplying(id, name) {
    var w = wrap();
    var f = form();
    if (!w || !f) return;
    var title = w.querySelector("[data-form-title]");
    var replying = f.querySelector("[data-replying]");
    var link = f.querySelector("[data-replying-link]");
    f.querySelector("[data-in-reply-to]").value = id || "";
    if (id) {
      title.textContent = (title.getAttribute("data-reply-title") || "Svara") + " " + name;
      link.textContent = name;
      link.setAttribute("href", "#kommentar-" + id);
      replying.hidden = false;
    } else {
      title.textContent = title.getAttribute("data-default-title");
      replying.hidden = true;
    }
  }

  function moveFormTo(commentId, name) {
    rememberHome();
    var w = wrap();
    var comment = document.getElementById("kommentar-" + commentId);
    if (!w || !comment) return false;
    var body = comment.querySelector(".comment__body");
    var slot = body.querySelector(".comment__reply-slot");
    if (!slot) {
      slot = document.createElement("div");
      slot.className = "comment__reply-slot";
      body.appendChild(slot);
    }
    slot.appendChild(w);
    setReplying(commentId, name);
    var text = w.querySelector("textarea");
    if (text) text.focus();
    return true;
  }

  function moveFormHome() {
    var w = wrap();
    if (w && home) home.parentNode.insertBefore(w, home.nextSibling);
    setReplying(null);
  }

  // The list a reply goes into: under the comment it answers, made if it has none yet.
  function repliesOf(parentId) {
    var parent = parentId && document.getElementById("kommentar-" + parentId);
    if (!parent) return null;
    var list = parent.querySelector(":scope > ol.comment-replies");
    if (!list) {
      list = document.createElement("ol");
      list.className = "comment-replies";
      parent.appendChild(list);
    }
    return list;
  }

  function insertComment(data) {
    var list = repliesOf(data.parent_id);
    if (!list) {
      list = section.querySelector("ol.comment-thread");
      if (!list) {
        list = document.createElement("ol");
        list.className = "comment-thread";
        var empty = section.querySelector("[data-comments-empty]");
        if (empty) {
          empty.replaceWith(list);
        } else {
          section.querySelector("[data-comment-count]").after(list);
        }
      }
    }
    list.appendChild(fragment(data.comment_html));
    return document.getElementById("kommentar-" + data.comment_id);
  }

  function showPending(html) {
    var box = section.querySelector("[data-own-pending]");
    if (!box) {
      box = document.createElement("div");
      box.className = "comments__own-pending";
      box.setAttribute("data-own-pending", "");
      var w = home || wrap();
      w.parentNode.insertBefore(box, w);
    }
    box.appendChild(fragment(html));
  }

  section.addEventListener("click", function (event) {
    var reply = event.target.closest("[data-reply-to]");
    if (reply) {
      var id = reply.getAttribute("data-reply-to");
      var author = document.getElementById("k" + id + "n");
      if (moveFormTo(id, author ? author.textContent : "")) {
        event.preventDefault();
      }
      return;
    }
    var cancel = event.target.closest("[data-cancel-reply]");
    if (cancel && home) {
      event.preventDefault();
      moveFormHome();
      var text = wrap().querySelector("textarea");
      if (text) text.focus();
    }
  });

  // The page may come from a cache shared by every reader, so the form carries no
  // timing token; one is fetched when the reader first touches the form, and the
  // server's minimum time counts from then.
  var started = null;
  function askStarted(f) {
    var field = f.querySelector("[data-started]");
    if (field.value) return Promise.resolve();
    if (!started) {
      started = fetch(f.getAttribute("data-started-url"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          section.querySelectorAll("[data-started]").forEach(function (input) {
            if (!input.value) input.value = data.started;
          });
        })
        .catch(function () { started = null; });
    }
    return started;
  }

  section.addEventListener("focusin", function (event) {
    var f = event.target.closest("[data-comment-form]");
    if (f) askStarted(f);
  });

  section.addEventListener("submit", function (event) {
    var f = event.target.closest("[data-comment-form]");
    if (!f) return;
    event.preventDefault();
    var button = f.querySelector("[data-submit]");
    button.disabled = true;
    announce(button.getAttribute("data-sending") || "Skickar …");
    askStarted(f).then(function () { return send(f, button); });
  });

  function send(f, button) {
    return fetch(f.action, {
      method: "POST",
      body: new FormData(f),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) { return { response: response, data: data }; });
      })
      .then(function (result) {
        var data = result.data;
        if (!data.ok) {
          // The server sends the form back with its errors and the typed text.
          var w = wrap();
          var replacement = fragment(data.form_html).firstElementChild;
          if (replacement && w) {
            w.replaceWith(replacement);
            // The returned form shows its errors itself (an alert above the
            // fields, or under the field): saying it in the status too would
            // show the same error twice.
            var shown = replacement.querySelector("[data-form-errors], .errorlist");
            announce(shown ? "" : data.message, !shown);
            var first = replacement.querySelector("[aria-invalid=true], textarea");
            if (first) first.focus();
          } else {
            announce(data.message, true);
            button.disabled = false;
          }
          return;
        }
        f.querySelector("textarea").value = "";
        if (data.comment_html) {
          var added = insertComment(data);
          section.querySelector("[data-comment-count]").textContent = data.count_text;
          moveFormHome();
          if (added) {
            added.classList.add("comment--new");
            added.setAttribute("tabindex", "-1");
          }
        } else {
          moveFormHome();
          // A held reply waits under the comment it answers, not at the bottom.
          var replies = data.pending_html && repliesOf(data.parent_id);
          if (replies) {
            replies.appendChild(fragment(data.pending_html));
          } else if (data.pending_html) {
            showPending(data.pending_html);
          }
        }
        button.disabled = false;
        announce(data.message);
      })
      .catch(function () {
        button.disabled = false;
        announce(section.getAttribute("data-network-error"), true);
      });
  }
})();
