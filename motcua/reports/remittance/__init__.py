"""The monthly remittance to the treasury report (báo cáo nộp ngân sách nhà nước): its figures,
its pages for the unit's accountant and managers, and its PDF and XLSX documents."""
