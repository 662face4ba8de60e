// Web-TV player: chapter links seek, and the reader's caption choice is remembered.
// Without this script the video plays, captions are selectable and Swedish is on.
(function () {
  "use strict";
  var KEY = "utgivare.textning"; // "av" (off) or a language code
  var video = document.querySelector("video[data-webtv-player]");
  if (!video) return;

  function seek(seconds) {
    video.currentTime = seconds;
    var playing = video.play();
    if (playing && playing.catch) playing.catch(function () {});
  }
  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      seek(Number(link.getAttribute("data-seek")));
      video.focus();
    });
  });
  var start = /^#t=(\d+)$/.exec(window.location.hash);
  if (start) video.addEventListener("loadedmetadata", function () { video.currentTime = Number(start[1]); }, { once: true });

  var tracks = video.textTracks;
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
  if (stored) {
    for (var i = 0; i < tracks.length; i++) {
      tracks[i].mode = tracks[i].language === stored ? "showing" : "disabled";
    }
  }
  tracks.addEventListener("change", function () {
    var choice = "av";
    for (var i = 0; i < tracks.length; i++) {
      if (tracks[i].mode === "showing") choice = tracks[i].language;
    }
    try { window.localStorage.setItem(KEY, choice); } catch (e) { /* storage blocked */ }
  });
})();
