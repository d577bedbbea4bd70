<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<!doctype html>
<html lang="en">
<head>
  <title>Sign in: Expenses</title>
  <%@ include file="/WEB-INF/jspf/head.jspf" %>
</head>
<body>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<main class="narrow">
  <h1>Sign in</h1>
  <p class="problem" role="alert" id="login-error">That user name and password did not match. Try again.</p>
  <%@ include file="/WEB-INF/jspf/login-form.jspf" %>
</main>
</body>
</html>
