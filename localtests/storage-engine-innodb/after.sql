set global tx_isolation = 'REPEATABLE-READ';
