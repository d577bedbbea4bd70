<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %>
<!doctype html>
<html lang="en">
<head>
  <title>Approvals</title>
  <%@ include file="/WEB-INF/jspf/head.jspf" %>
</head>
<body>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<main>
  <h1 id="approvals-title">Approvals</h1>
  <p class="muted">Finance only. This area always asks for the second step of the sign-in.</p>
  <table id="approvals">
    <thead><tr><th>Date</th><th>Who</th><th>What for</th><th class="num">Amount</th><th>Status</th></tr></thead>
    <tbody>
    <c:forEach var="e" items="${expenses}">
      <tr>
        <td><c:out value="${e.date()}"/></td>
        <td><c:out value="${e.owner()}"/></td>
        <td><c:out value="${e.description()}"/></td>
        <td class="num"><fmt:formatNumber value="${e.amount()}" type="currency" currencyCode="EUR"/></td>
        <td>
          <c:choose>
            <c:when test="${e.approved()}"><span class="status approved">approved</span></c:when>
            <c:otherwise>
              <form method="post" action="${pageContext.request.contextPath}/admin/approvals">
                <input type="hidden" name="approve" value="${e.id()}">
                <button type="submit" class="small">Approve</button>
              </form>
            </c:otherwise>
          </c:choose>
        </td>
      </tr>
    </c:forEach>
    </tbody>
  </table>
</main>
</body>
</html>
