// The static page shown while the app downloads (index.html, #coquille) says so when the app
// cannot start: a failed download or an unsupported browser would otherwise spin forever.
// A file rather than an inline script: the page's CSP allows inline scripts only by hash.
(function () {
    var started = false;
    addEventListener("TrunkApplicationStarted", function () { started = true; }, { once: true });
    function fail(message) {
        // The status of whichever page index.html painted (the explorer's copy or the generic one).
        var root = document.documentElement.classList;
        var status = document.querySelector(root.contains("coquille-accueil") ? "#coquille .coquille-chargement" : "#coquille .coquille-generique .load-state");
        // The copy of the explorer still covers a started app until its formations are in:
        // an app that fails meanwhile must not leave it spinning either.
        if ((started && !root.contains("coquille-recouvre")) || !status) return;
        status.classList.add("load-error");
        status.setAttribute("role", "alert");
        status.textContent = "";
        var text = document.createElement("p");
        text.textContent = message;
        var retry = document.createElement("button");
        retry.type = "button";
        retry.className = "button";
        retry.textContent = "Recharger la page";
        retry.addEventListener("click", function () { location.reload(); });
        status.appendChild(text);
        status.appendChild(retry);
    }
    var cannot = "L'application n'a pas pu démarrer : son téléchargement a échoué ou ce navigateur ne la prend pas en charge. "
        + "Vérifiez votre connexion puis rechargez la page.";
    // Trunk's loader awaits the download at the top level of a module: its failure is reported here.
    addEventListener("error", function () { fail(cannot); });
    addEventListener("unhandledrejection", function () { fail(cannot); });
    if (typeof WebAssembly !== "object") fail(cannot);
})();
