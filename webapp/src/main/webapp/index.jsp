<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!doctype html>
<html lang="en">
<head>
  <title>Expenses: Tollgate demo</title>
  <%@ include file="/WEB-INF/jspf/head.jspf" %>
</head>
<body>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<main>
  <c:if test="${param.signedOut != null}"><p class="notice" id="signed-out">You are signed out.</p></c:if>
  <h1>Expenses</h1>
  <p>
    A small expense-claims application standing in for the one your company has run for years. It signs people in
    the old way: a <code>web.xml</code> FORM login against the server's file realm. To get two-step sign-in it
    changed nothing but this: the Tollgate jar in <code>WEB-INF/lib</code> and five context parameters in
    <code>web.xml</code>.
  </p>

  <h2>Demo users</h2>
  <table id="demo-users">
    <thead><tr><th>User</th><th>Password</th><th>Can</th></tr></thead>
    <tbody>
      <tr><td class="user">alice</td><td class="password"><code>alice-demo</code></td><td>claim expenses</td></tr>
      <tr><td class="user">bob</td><td class="password"><code>bob-demo</code></td><td>claim expenses, approve claims (finance)</td></tr>
      <tr><td class="user">carol</td><td class="password"><code>carol-demo</code></td><td>claim expenses, approve claims (finance)</td></tr>
      <tr><td class="user">dave</td><td class="password"><code>dave-demo</code></td><td>claim expenses</td></tr>
    </tbody>
  </table>
  <p class="muted">The users, the expenses and the sign-in methods live only while the demo runs.</p>

  <h2>Try it</h2>
  <ol class="steps">
    <li><a id="signin" href="${pageContext.request.contextPath}/expenses">Sign in</a> as bob. The password is
      enough for now: two-step sign-in is optional in this application.</li>
    <li><a id="enroll" href="${pageContext.request.contextPath}/mfa/enroll?return=%2Fexpenses">Set up two-step
      sign-in</a>: scan the QR code with an authenticator app on your phone and type the code it shows.</li>
    <li>Sign out, and sign in again: after the password, the application now asks for the code.</li>
    <li>Open <a href="${pageContext.request.contextPath}/admin/approvals">Approvals</a> (finance only): it always
      needs the second step, even from someone who has not set it up yet. Try it as carol.</li>
    <li>See <a id="factors" href="${pageContext.request.contextPath}/mfa/factors">your sign-in methods</a>, add a
      second phone or remove one, or add a security key (a YubiKey, or your device's fingerprint or face unlock):
      at the next sign-in, "Use your security key" replaces the code.</li>
  </ol>
</main>
</body>
</html>
