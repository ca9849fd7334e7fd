// Baton: small progressive enhancements. Every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const nav = document.getElementById("nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("open", !open);
    });
  }
  // Times are stored in UTC; show them in the reader's own time zone.
  for (const time of document.querySelectorAll("time")) {
    const date = new Date(time.textContent.trim());
    if (!Number.isNaN(date.getTime())) {
      time.setAttribute("datetime", date.toISOString());
      time.textContent = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    }
  }
});
