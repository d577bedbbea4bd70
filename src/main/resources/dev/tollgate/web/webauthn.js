// Tollgate: security keys (WebAuthn) on the factors page and the challenge page.
// Served from the jar under <basePath>/assets/ so that the pages' Content-Security-Policy can stay at
// script-src 'self'; no inline script anywhere. The pages carry what the script needs in data- attributes.
(function () {
  'use strict';

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) { base64 += '='; }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: toBytes(d.id), transports: d.transports };
    });
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var failure = new Error(json.message || ('HTTP ' + response.status));
          failure.code = json.error;
          throw failure;
        }
        return json;
      });
    });
  }

  // The PublicKeyCredential in the JSON form of WebAuthn Level 3 (toJSON), written out for older browsers.
  function credentialJson(credential) {
    var response = credential.response;
    var json = {
      id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64url(response.clientDataJSON) }
    };
    if (credential.authenticatorAttachment) { json.authenticatorAttachment = credential.authenticatorAttachment; }
    if (response.attestationObject) {
      json.response.attestationObject = toBase64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toBase64url(response.authenticatorData);
      json.response.signature = toBase64url(response.signature);
      if (response.userHandle) { json.response.userHandle = toBase64url(response.userHandle); }
    }
    return json;
  }

  function showError(element, message) {
    element.textContent = message;
    element.hidden = false;
  }

  function unsupported(section, error) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      showError(error, section.getAttribute('data-unsupported'));
      return true;
    }
    return false;
  }

  // The button that starts a ceremony: one run at a time; a failure is shown beside it and the button offered again.
  // ceremony(api) resolves to true when the page is done (go on to data-done), false when it shows something first.
  function onCeremonyButton(section, buttonId, ceremony) {
    var button = document.getElementById(buttonId);
    var error = document.getElementById('key-error');
    button.addEventListener('click', function () {
      error.hidden = true;
      if (unsupported(section, error)) { return; }
      button.disabled = true;
      ceremony(section.getAttribute('data-api')).then(function (done) {
        if (done) { window.location.assign(section.getAttribute('data-done')); }
      }).catch(function (e) {
        // adding a key when the last proof of a factor is not recent: prove one first, then come back
        if (e.code === 'code_required' && section.getAttribute('data-confirm')) {
          window.location.assign(section.getAttribute('data-confirm'));
          return;
        }
        button.disabled = false;
        showError(error, section.getAttribute('data-failed') + ' (' + e.message + ')');
      });
    });
  }

  function register(section) {
    onCeremonyButton(section, 'add-key-button', function (api) {
      var label = document.getElementById('key-label').value;
      var factorId;
      return post(api + '/factors/webauthn', { label: label }).then(function (options) {
        factorId = options.factorId;
        var publicKey = options.publicKey;
        publicKey.challenge = toBytes(publicKey.challenge);
        publicKey.user.id = toBytes(publicKey.user.id);
        publicKey.excludeCredentials = descriptors(publicKey.excludeCredentials);
        return navigator.credentials.create({ publicKey: publicKey });
      }).then(function (credential) {
        return post(api + '/factors/webauthn/' + factorId + '/finish', { credential: credentialJson(credential) });
      }).then(function (result) {
        if (!result.recoveryCodes || !result.recoveryCodes.length) { return true; }
        var list = document.getElementById('key-recovery-codes');
        result.recoveryCodes.forEach(function (code) {
          var item = document.createElement('li');
          item.textContent = code;
          list.appendChild(item);
        });
        document.getElementById('key-recovery').hidden = false;
        return false;
      });
    });
  }

  function authenticate(section) {
    var transactionId = section.getAttribute('data-transaction');
    onCeremonyButton(section, 'use-key', function (api) {
      return post(api + '/webauthn/options', { transactionId: transactionId }).then(function (options) {
        var publicKey = options.publicKey;
        publicKey.challenge = toBytes(publicKey.challenge);
        publicKey.allowCredentials = descriptors(publicKey.allowCredentials);
        return navigator.credentials.get({ publicKey: publicKey });
      }).then(function (credential) {
        return post(api + '/verify', { transactionId: transactionId, webauthn: credentialJson(credential) });
      }).then(function () {
        return true;
      });
    });
  }

  var adding = document.getElementById('add-key');
  if (adding) { register(adding); }
  var signingIn = document.getElementById('security-key');
  if (signingIn) { authenticate(signingIn); }
}());
