<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<!doctype html>
<html lang="en">
<head>
  <title>My expenses</title>
  <%@ include file="/WEB-INF/jspf/head.jspf" %>
</head>
<body>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<main>
  <h1 id="expenses-title">My expenses</h1>
  <c:if test="${requestScope['dev.tollgate.aal'] != 'aal2'}">
    <p class="notice" id="suggest-mfa">You signed in with your password only.
      <a href="${pageContext.request.contextPath}/mfa/enroll?return=%2Fexpenses">Set up two-step sign-in</a>
      so that a stolen password is not enough to get in.</p>
  </c:if>
  <table id="expenses">
    <thead><tr><th>Date</th><th>What for</th><th class="num">Amount</th><th>Status</th></tr></thead>
    <tbody>
    <c:forEach var="e" items="${expenses}">
      <tr>
        <td><c:out value="${e.date()}"/></td>
        <td><c:out value="${e.description()}"/></td>
        <td class="num"><fmt:formatNumber value="${e.amount()}" type="currency" currencyCode="EUR"/></td>
        <td><span class="status ${e.status}"><c:out value="${e.status}"/></span></td>
      </tr>
    </c:forEach>
    <c:if test="${empty expenses}"><tr><td colspan="4" class="muted">No claims yet.</td></tr></c:if>
    </tbody>
  </table>

  <h2>New claim</h2>
  <c:if test="${not empty problem}"><p class="problem" role="alert"><c:out value="${problem}"/></p></c:if>
  <form class="card inline-form" method="post" action="${pageContext.request.contextPath}/expenses">
    <label>What for <input name="description" maxlength="200" required value="<c:out value='${param.description}'/>"></label>
    <label>Amount (EUR) <input name="amount" inputmode="decimal" required size="8" value="<c:out value='${param.amount}'/>"></label>
    <button type="submit">Submit claim</button>
  </form>
</main>
</body>
</html>
